// Whole-process figures: production build and bundle sizes, the .vsix, server cold start to the first
// publishDiagnostics over stdio (ours and dockerfile-language-server-nodejs), RSS with 100 open
// documents, and the CLI against tally on the fixtures.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LspProcess } from './lsp.mjs';
import { summarizeFile } from './profile.mjs';
import { median } from './measure.mjs';
import { generateDockerfile } from '../generate.mjs';

function log(...a) {
  process.stderr.write(`${a.join(' ')}\n`);
}

const size = (p) => (existsSync(p) ? statSync(p).size : undefined);

// server.js is the loader editors start; serverMain.js is the server it runs through V8's code cache.
// cli.js is the CLI's loader; cliMain.js the CLI (and `lsp --stdio`) it runs.
const BUNDLES = ['server/dist/serverMain.js', 'server/dist/cliMain.js', 'client/dist/extension.js', 'server/dist/server.js', 'server/dist/cli.js'];

/**
 * `node esbuild.mjs --production`, a copy of the bundles in bench/out/prod/ taken right away (other work
 * in this tree rebuilds server/dist as dev builds at any time, so the processes are started from the
 * copy), then `vsce package` as `npm run package` runs it, into bench/out/. The bundles inside the
 * .vsix must be the production ones just built; if something rebuilt dist meanwhile, all is redone.
 */
export function productionBuildAndPackage(root, outDir, withVsix = true) {
  let last;
  for (let attempt = 0; attempt < 5; attempt++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.status !== 0) return { ok: false, error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(0, 5).join(' ') };
    const prod = path.join(outDir, 'prod');
    const snapshot = BUNDLES.map((b) => (existsSync(path.join(root, b)) ? readFileSync(path.join(root, b)) : undefined));
    if (!snapshot[0] || snapshot[0].includes('sourceMappingURL=')) {
      last = { ok: false, error: 'server/dist/serverMain.js was replaced by a dev build right after the production build' };
      continue;
    }
    BUNDLES.forEach((b, i) => {
      if (!snapshot[i]) return;
      mkdirSync(path.dirname(path.join(prod, b)), { recursive: true });
      writeFileSync(path.join(prod, b), snapshot[i]);
    });
    const vsix = withVsix ? packageVsix(root, outDir) : undefined;
    if (vsix?.ok) {
      const stored = new Map();
      const entries = zipEntries(readFileSync(vsix.path), stored);
      // Bundles left out by .vscodeignore are not in the .vsix; those in it must be the ones just built.
      const mismatch = BUNDLES.filter((b, i) => snapshot[i] && entries.has(`extension/${b}`) && entries.get(`extension/${b}`) !== snapshot[i].length);
      if (mismatch.length) {
        last = { ok: false, error: `the .vsix holds other builds of ${mismatch.join(', ')} (dist rebuilt during packaging)` };
        continue;
      }
      vsix.entries = entries.size;
      vsix.largest = [...stored.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([name, bytes]) => ({ name, bytes, raw: entries.get(name) }));
    }
    return { ok: true, ms, dir: prod, server: snapshot[0]?.length, serverLoader: snapshot[3]?.length, cli: snapshot[1]?.length, client: snapshot[2]?.length, vsix };
  }
  return last;
}

/** name → uncompressed size, from a zip's central directory (`compressed` gets the stored sizes). */
function zipEntries(buf, compressed) {
  const out = new Map();
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return out;
  let p = buf.readUInt32LE(eocd + 16);
  const count = buf.readUInt16LE(eocd + 10);
  for (let n = 0; n < count && buf.readUInt32LE(p) === 0x02014b50; n++) {
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const name = buf.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    out.set(name, size);
    compressed?.set(name, buf.readUInt32LE(p + 20));
    p += 46 + nameLength + extra + comment;
  }
  return out;
}

/** `vsce package --no-dependencies` as `npm run package` runs it, with the .vsix written to bench/out/. */
function packageVsix(root, outDir) {
  const out = path.join(outDir, 'dockerfile-stages.vsix');
  rmSync(out, { force: true });
  const vsce = path.join(root, 'node_modules/.bin/vsce');
  if (!existsSync(vsce)) return { ok: false, error: 'vsce not installed' };
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--out', out], { cwd: root, encoding: 'utf8', timeout: 180000 });
  if (r.status !== 0 || !existsSync(out)) return { ok: false, error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-3).join(' ') };
  const list = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8', timeout: 60000 });
  return { ok: true, path: out, bytes: size(out), files: list.status === 0 ? list.stdout.trim().split('\n').filter(Boolean) : undefined };
}

async function coldStartOnce(argv, root, text) {
  const uri = 'file:///bench/cold/Dockerfile';
  const server = new LspProcess(argv, { cwd: root });
  const diag = server.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri, 15000);
  let init;
  try {
    init = await Promise.race([server.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('no initialize response in 15 s')), 15000))]);
  } catch (e) {
    await server.stop();
    return { error: `${e.message}${server.stderr ? `: ${server.stderr.trim().split('\n')[0]}` : ''}` };
  }
  server.notify('initialized', {});
  server.open(uri, text);
  const d = await diag;
  await server.stop();
  return {
    initMs: init.at - server.t0,
    diagMs: d ? d.at - server.t0 : undefined,
    diagnostics: d?.msg.params.diagnostics.length,
  };
}

/** Spawn of `node -e 0` to exit: the floor under any node server's cold start. */
function bareNodeMs(runs) {
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

export async function coldStart(root, servers, runs) {
  const text = generateDockerfile(1000).text;
  const samples = Object.fromEntries(servers.map((s) => [s.id, []]));
  for (let i = 0; i < runs + 1; i++) {
    for (const s of servers) {
      const r = await coldStartOnce(s.argv, root, text);
      if (i > 0 || r.error) samples[s.id].push(r); // the first round warms the file-system cache
    }
  }
  const out = { bareNodeMs: bareNodeMs(runs), runs };
  for (const s of servers) {
    const xs = samples[s.id];
    const err = xs.find((x) => x.error);
    const diag = xs.map((x) => x.diagMs).filter((x) => x !== undefined);
    out[s.id] = err
      ? { error: err.error }
      : {
          initMs: median(xs.map((x) => x.initMs)),
          diagMs: diag.length === xs.length ? median(diag) : undefined,
          noDiagnostics: diag.length < xs.length,
          diagnostics: xs[0]?.diagnostics,
        };
    log(`  cold start ${s.id}: ${JSON.stringify(out[s.id])}`);
  }
  return out;
}

/** RSS after opening `count` different 1k-line documents, diagnostics received and symbols asked for each. */
export async function memoryWithDocuments(root, server, count) {
  const p = new LspProcess(server.argv, { cwd: root });
  try {
    await p.initialize();
    p.notify('initialized', {});
    await new Promise((r) => setTimeout(r, 200));
    const idle = p.memory();
    const uris = Array.from({ length: count }, (_, i) => `file:///bench/mem/${i}/Dockerfile`);
    const pending = new Set(uris);
    const allDiagnostics = new Promise((resolve) => {
      const timer = setTimeout(resolve, 60000);
      p.listeners.add((m) => {
        if (m.method !== 'textDocument/publishDiagnostics') return;
        pending.delete(m.params.uri);
        if (pending.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    uris.forEach((uri, i) => p.open(uri, generateDockerfile(1000, i + 1).text));
    // Symbols for every document: makes sure each one has been analysed whether or not the server
    // publishes diagnostics on open (ours keeps the model; theirs parses per request).
    for (const uri of uris) await p.request('textDocument/documentSymbol', { textDocument: { uri } });
    await Promise.race([allDiagnostics, new Promise((r) => setTimeout(r, pending.size === 0 ? 0 : 3000))]);
    await new Promise((r) => setTimeout(r, 300));
    const loaded = p.memory();
    return { idle, loaded, diagnosticsFor: count - pending.size, count };
  } finally {
    await p.stop();
  }
}

function timeCommand(cmd, args, cwd, runs) {
  const xs = [];
  let last;
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    last = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120000 });
    if (i > 0) xs.push(performance.now() - t0);
  }
  if (last.error) return { error: last.error.message };
  return { ms: median(xs), status: last.status, findings: last.stdout.split('\n').filter((l) => l.trim()).length };
}

function onPath(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export function cliVersusTally(root, prodDir, runs) {
  const cli = path.join(prodDir, 'server/dist/cli.js');
  const ours = existsSync(cli) ? timeCommand(process.execPath, [cli, 'check', 'test-fixtures'], root, runs) : { error: 'server/dist/cli.js not built' };
  const tally = onPath('tally');
  const theirs = tally ? timeCommand(tally, ['lint', 'test-fixtures'], root, runs) : undefined;
  return { ours, tally: tally ? { path: tally, ...theirs } : undefined };
}

/**
 * `node --cpu-prof` of one cold start (spawn → first publishDiagnostics → exit) of the server, from a
 * bundle of the same entry as server/dist/server.js built without minification and with a source map
 * (esbuild.mjs's options otherwise), so the profile names functions and packages.
 */
export async function profileColdStart(root, outDir) {
  const dir = path.join(outDir, 'profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const bundle = path.join(dir, 'serverMain.js');
  const loader = path.join(dir, 'server.js');
  const esbuild = await import('esbuild');
  const options = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'external', logLevel: 'warning' };
  await esbuild.build({ ...options, entryPoints: [path.join(root, 'server/src/serverMain.ts')], outfile: bundle });
  await esbuild.build({ ...options, entryPoints: [path.join(root, 'server/src/main.ts')], outfile: loader });
  // As measured: the code cache written by an earlier start (the first round of coldStart).
  const cacheArg = `--code-cache-dir=${path.join(dir, 'code-cache')}`;
  const text = generateDockerfile(1000).text;
  await coldStartOnce([loader, '--stdio', cacheArg], root, text);
  const r = await coldStartOnce(['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100', loader, '--stdio', cacheArg], root, text);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return { error: `no .cpuprofile written${r.error ? ` (${r.error})` : ''}` };
  return { ...r, ...summarizeFile(path.join(dir, file), root, bundle) };
}

export function ensureDir(p) {
  mkdirSync(p, { recursive: true });
  return p;
}
