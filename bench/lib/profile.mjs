// CPU profiles that explain a missed target: samples one operation in this process with the V8
// profiler (node:inspector; the same sampler as `node --cpu-prof`), or reads a .cpuprofile written by
// a child process, and summarises self and total time by function and by package.
import { Session } from 'node:inspector/promises';
import { readFileSync } from 'node:fs';
import { findSourceMap, SourceMap } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sink } from './measure.mjs';

/** Profiles `fn` called repeatedly for about `ms` milliseconds. */
export async function profileCall(fn, ms, root) {
  // One call first, outside the profile: lazy work (a model built on first use, JIT) is not the subject.
  const first = fn();
  sink(first && typeof first.then === 'function' ? await first : first);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const end = performance.now() + ms;
  let calls = 0;
  while (performance.now() < end || calls === 0) {
    const r = fn();
    sink(r && typeof r.then === 'function' ? await r : r);
    calls++;
  }
  const { profile } = await session.post('Profiler.stop');
  await session.post('Profiler.disable');
  session.disconnect();
  return { calls, ...summarize(profile, root) };
}

/**
 * Summarises a .cpuprofile written by `node --cpu-prof`. With `bundle` (path of the script and its
 * `.map`), frames in the bundle are mapped back to their original files, so packages are told apart.
 */
export function summarizeFile(file, root, bundle) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  if (bundle) {
    const map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
    const mapDir = path.dirname(bundle);
    for (const n of profile.nodes) {
      const cf = n.callFrame;
      if (!cf.url || !cf.url.endsWith(path.basename(bundle))) continue;
      const e = map.findEntry(cf.lineNumber, cf.columnNumber);
      if (!e?.originalSource) continue;
      const original = path.resolve(mapDir, e.originalSource.replace(/^file:\/\//, ''));
      Object.assign(cf, { url: `file://${original}`, lineNumber: e.originalLine, columnNumber: e.originalColumn, mapped: true });
    }
  }
  return summarize(profile, root);
}

/** Where a frame's code lives: a file of ours (relative to the repository), of a package, or node itself. */
function location(url, root) {
  if (!url) return { pkg: '(native / V8)', file: '' };
  const p = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const nm = p.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = p.slice(nm + 14).split('/');
    const n = rest[0].startsWith('@') ? 2 : 1;
    return { pkg: rest.slice(0, n).join('/'), file: rest.join('/') };
  }
  if (p.startsWith('node:')) return { pkg: 'node', file: p };
  const rel = path.relative(root, p) || p;
  return { pkg: rel.startsWith('server/') ? 'ours' : rel, file: rel };
}

/** 1-based line of a frame in its original source (TypeScript through tsx's source maps), else as generated. */
function originalLine(cf) {
  if (!cf.mapped && !cf.url.includes('/node_modules/') && !cf.url.startsWith('node:')) {
    try {
      const file = cf.url.startsWith('file://') ? decodeURIComponent(new URL(cf.url).pathname) : cf.url;
      const entry = findSourceMap(file)?.findEntry(cf.lineNumber, cf.columnNumber);
      if (entry?.originalLine !== undefined) return entry.originalLine + 1;
    } catch {
      // no map: the generated line below
    }
  }
  return cf.lineNumber + 1;
}

function summarize(profile, root) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n) => {
    const cf = n.callFrame;
    const name = cf.functionName || '(anonymous)';
    if (!cf.url) return { key: name, name, where: '' };
    return { key: `${name}@${cf.url}:${cf.lineNumber}:${cf.columnNumber}`, name, where: `${location(cf.url, root).file}:${originalLine(cf)}` };
  };
  const self = new Map();
  const total = new Map();
  const byOwner = new Map();
  let sampled = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000; // ms attributed to this sample
    let n = nodes.get(samples[i]);
    if (!n) continue;
    sampled += dt;
    const leaf = keyOf(n);
    if (leaf.name === '(idle)' || leaf.name === '(program)' || leaf.name === '(garbage collector)') {
      add(self, leaf, dt);
      add(total, leaf, dt);
      addOwner(byOwner, leaf.name, dt);
      continue;
    }
    add(self, leaf, dt);
    addOwner(byOwner, location(n.callFrame.url, root).pkg, dt);
    const seen = new Set();
    while (n) {
      const k = keyOf(n);
      if (!seen.has(k.key) && k.name !== '(root)') {
        seen.add(k.key);
        add(total, k, dt);
      }
      n = nodes.get(parent.get(n.id));
    }
  }
  // The bench's own frames and the promise plumbing around them explain nothing: left out of the tables.
  const plumbing = (e) => e.where.startsWith('bench/') || e.name === 'runMicrotasks' || e.name === 'processTicksAndRejections';
  const top = (m, count) =>
    [...m.values()]
      .filter((e) => !plumbing(e))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, count)
      .map((e) => ({ ...e, share: sampled ? e.ms / sampled : 0 }));
  return {
    sampledMs: sampled,
    self: top(self, 10),
    total: top(total, 14),
    owners: [...byOwner.entries()].filter(([name]) => !name.startsWith('bench/')).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, ms]) => ({ name, ms, share: sampled ? ms / sampled : 0 })),
  };
}

function add(map, k, dt) {
  const e = map.get(k.key);
  if (e) e.ms += dt;
  else map.set(k.key, { name: k.name, where: k.where, ms: dt });
}

function addOwner(map, name, dt) {
  map.set(name, (map.get(name) ?? 0) + dt);
}
