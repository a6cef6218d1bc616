// Targets, profiles for the missed ones, and the markdown of bench/RESULTS.md.
import { growthExponent, formatMs, formatRatio } from './measure.mjs';
import { OPERATIONS, makeContext } from './ops.mjs';
import { profileCall } from './profile.mjs';
import { ROOT } from './service.mjs';
import { performance } from 'node:perf_hooks';
import { generateDockerfile } from '../generate.mjs';

const GROWTH_LIMIT = 1.15;
/**
 * Below this (at the larger size) a time is a few hundred instructions: cache and timer effects, not
 * growth. Such exponents are shown in parentheses and not held against the target.
 */
const NOISE_FLOOR_MS = 0.05;
const VSIX_LIMIT = 400 * 1000;
const sizeName = (n) => (n >= 1000 ? `${n / 1000}k` : String(n));

function opAt(results, target, id) {
  return results.sizes.find((s) => s.target === target)?.ops[id];
}

/** Growth exponents of our medians between consecutive sizes and from 1k to the largest. */
export function exponents(results, id, side = 'ours') {
  const pts = results.sizes.map((s) => ({ target: s.target, n: s.lines, ms: s.ops[id]?.[side]?.lowerBound ? NaN : s.ops[id]?.[side]?.ms }));
  const steps = [];
  for (let i = 1; i < pts.length; i++) {
    steps.push({ from: pts[i - 1].target, to: pts[i].target, k: growthExponent(pts[i - 1].ms, pts[i].ms, pts[i - 1].n, pts[i].n), noise: pts[i].ms < NOISE_FLOOR_MS });
  }
  const k1 = pts.find((p) => p.target === 1000);
  const last = pts[pts.length - 1];
  if (k1 && last.target > 10000) steps.push({ from: 1000, to: last.target, k: growthExponent(k1.ms, last.ms, k1.n, last.n), overall: true, noise: last.ms < NOISE_FLOOR_MS });
  return steps;
}

/** "dockerfile-ast's full parse is 0.6× validate": what an edit that moves every line costs at least. */
function parseFloor(results, target) {
  const p = opAt(results, target, 'parse');
  const r = p?.ours?.ms / p?.theirs?.ms;
  return r > 0.5 ? `dockerfile-ast's full parse (a first open, or an edit above every instruction) is already ${formatRatio(r)} validate on this text` : undefined;
}

export function evaluateTargets(results) {
  const t = [];
  const has = (n) => results.sizes.some((s) => s.target === n);
  const diag = opAt(results, 1000, 'diagnostics+base');
  const ratio = diag?.ours?.ms / diag?.theirs?.ms;
  t.push({
    id: 'diagnostics-1k',
    text: 'Diagnostics as published after an edit on the 1k-line file ≤ 0.5× dockerfile-utils `validate` (what dockerfile-language-server-nodejs publishes)',
    measured: diag?.ours?.ms ? `${formatRatio(ratio)} (${formatMs(diag.ours.ms)} / ${formatMs(diag.theirs?.ms)})` : 'n/a',
    status: !diag?.ours?.ms || !diag?.theirs?.ms ? 'n/a' : ratio <= 0.5 ? 'met' : 'missed',
    reason: !diag?.ours?.ms ? 'diagnostics.ts not present or not loadable' : parseFloor(results, 1000),
    profile: { op: 'diagnostics+base', size: 1000 },
  });
  for (const [id, what] of [['diagnostics+typed', 'a character typed in the middle stage'], ['diagnostics+newline', 'a line break typed in the middle stage (every line below moves)']]) {
    const d = opAt(results, 1000, id);
    const r = d?.ours?.ms / d?.theirs?.ms;
    t.push({
      id: `${id}-1k`,
      text: `The same after ${what}, 1k lines ≤ 0.5×`,
      measured: d?.ours?.ms ? `${formatRatio(r)} (${formatMs(d.ours.ms)} / ${formatMs(d.theirs?.ms)})` : 'n/a',
      status: !d?.ours?.ms || !d?.theirs?.ms ? 'n/a' : r <= 0.5 ? 'met' : 'missed',
      profile: { op: id, size: 1000 },
    });
  }
  const published = exponents(results, 'diagnostics+base').find((s) => s.overall);
  t.push({
    id: 'diagnostics-growth',
    text: `Growth exponent of published diagnostics from 1k to 50k ≤ ${GROWTH_LIMIT}`,
    measured: published ? published.k.toFixed(2) : 'n/a',
    status: !published ? 'n/a' : published.k <= GROWTH_LIMIT ? 'met' : 'missed',
    reason: !published ? 'needs the 1k and 50k sizes (full run)' : undefined,
    profile: { op: 'diagnostics+base', size: 50000 },
  });
  for (const id of ['definition', 'references', 'highlight']) {
    const r = opAt(results, 10000, id);
    t.push({
      id: `${id}-10k`,
      text: `${id[0].toUpperCase()}${id.slice(1)} at 10k lines, warm model ≤ 1 ms`,
      measured: r?.ours?.ms ? `${formatMs(r.ours.ms)}${r.theirs?.ms ? ` (theirs ${formatMs(r.theirs.ms)})` : ''}` : 'n/a',
      status: !has(10000) ? 'n/a' : !r?.ours?.ms ? 'n/a' : r.ours.ms <= 1 ? 'met' : 'missed',
      profile: { op: id, size: 10000 },
    });
  }
  const st = opAt(results, 10000, 'semanticTokens');
  t.push({
    id: 'semanticTokens-10k',
    text: 'Semantic tokens at 10k lines ≤ 20 ms',
    measured: st?.ours?.ms ? `${formatMs(st.ours.ms)}${st.theirs?.ms ? ` (theirs ${st.theirs.lowerBound ? '≥ ' : ''}${formatMs(st.theirs.ms)})` : ''}` : 'n/a',
    status: !has(10000) || !st?.ours?.ms ? 'n/a' : st.ours.ms <= 20 ? 'met' : 'missed',
    profile: { op: 'semanticTokens', size: 10000 },
  });
  const over = [];
  let counted = 0;
  if (has(1000) && has(50000)) {
    for (const op of OPERATIONS) {
      for (const s of exponents(results, op.id)) {
        if (s.from < 1000 || Number.isNaN(s.k) || s.noise) continue;
        counted++;
        if (s.k > GROWTH_LIMIT) over.push({ op: op.id, ...s });
      }
    }
  }
  t.push({
    id: 'growth',
    text: `Every growth exponent from 1k to 50k ≤ ${GROWTH_LIMIT}`,
    measured: counted === 0 ? 'n/a' : over.length === 0 ? `all ${counted} ≤ ${GROWTH_LIMIT}` : over.map((o) => `${o.op} ${sizeName(o.from)}→${sizeName(o.to)}: ${o.k.toFixed(2)}`).join('; '),
    status: counted === 0 ? 'n/a' : over.length === 0 ? 'met' : 'missed',
    reason: counted === 0 ? 'needs the 1k and 50k sizes (full run)' : undefined,
    over,
  });
  const cold = results.proc?.cold?.ours;
  t.push({
    id: 'cold-start',
    text: 'Cold start ≤ 150 ms to first diagnostics (1k-line file, stdio)',
    measured: cold?.diagMs ? formatMs(cold.diagMs) : cold?.noDiagnostics ? `no publishDiagnostics within 15 s (initialize answered after ${formatMs(cold.initMs)})` : cold?.error ?? 'n/a',
    status: cold?.diagMs ? (cold.diagMs <= 150 ? 'met' : 'missed') : cold?.noDiagnostics ? 'missed' : 'n/a',
    reason: cold?.noDiagnostics
      ? 'the server does not publish diagnostics on didOpen (not wired in server.ts yet)'
      : cold?.diagMs > 150 && results.proc?.cold?.bareNodeMs
        ? `spawning \`node -e 0\` alone takes ${formatMs(results.proc.cold.bareNodeMs)} on this machine; see the cold-start profile`
        : undefined,
  });
  const vsix = results.proc?.vsix;
  t.push({
    id: 'vsix',
    text: '.vsix ≤ 400 KB (400,000 bytes)',
    measured: vsix?.ok ? `${(vsix.bytes / 1000).toFixed(1)} KB` : vsix?.error ?? 'n/a',
    status: vsix?.ok ? (vsix.bytes <= VSIX_LIMIT ? 'met' : 'missed') : 'n/a',
  });
  return t;
}

/**
 * One in-process profile per missed target and per operation whose growth is over the limit (at the
 * largest size flagged), most important first, within `budgetMs` (estimated from the measured times).
 */
export async function profilesForMisses(results, S, dls, Parser, ms, budgetMs = Infinity) {
  const wanted = [];
  for (const t of results.targets) {
    if (t.status !== 'missed') continue;
    if (t.profile) wanted.push({ ...t.profile, why: t.text, rank: Infinity });
  }
  const growth = results.targets.find((t) => t.id === 'growth')?.over ?? [];
  const byOp = new Map();
  for (const o of growth) if (!byOp.has(o.op) || byOp.get(o.op).to < o.to || (byOp.get(o.op).to === o.to && byOp.get(o.op).k < o.k)) byOp.set(o.op, o);
  for (const o of [...byOp.values()].sort((a, b) => b.k - a.k)) wanted.push({ op: o.op, size: o.to, why: `growth ${sizeName(o.from)}→${sizeName(o.to)} = ${o.k.toFixed(2)}`, rank: o.k });
  const seen = new Set();
  const contexts = new Map();
  const out = [];
  let spent = 0;
  for (const w of wanted) {
    const key = `${w.op}@${w.size}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const op = OPERATIONS.find((o) => o.id === w.op);
    const callMs = opAt(results, w.size, w.op)?.ours?.ms ?? 0;
    const contextMs = contexts.has(w.size) ? 0 : 2 * (opAt(results, w.size, 'model')?.ours?.ms ?? 0);
    if (spent + callMs + Math.max(ms, callMs) + contextMs > budgetMs) {
      out.push({ ...w, skipped: true });
      continue;
    }
    const t0 = performance.now();
    if (!contexts.has(w.size)) contexts.set(w.size, { ...makeContext(S, generateDockerfile(w.size).text), Parser });
    const ctx = contexts.get(w.size);
    const fn = op?.ours(ctx);
    if (!fn) continue;
    process.stderr.write(`  profiling ${key} (${w.why})\n`);
    out.push({ ...w, ...(await profileCall(fn, ms, ROOT)) });
    spent += performance.now() - t0;
  }
  return out;
}

// ---- markdown ----

function cell(r) {
  if (!r) return 'n/a';
  if (r.error) return `error: ${r.error.slice(0, 60)}`;
  return `${r.lowerBound ? '≥ ' : ''}${formatMs(r.ms)}${r.lowerBound ? ' (1 run)' : r.note ? ` (${r.note})` : ''}`;
}

function ratioCell(o, op, extra = '') {
  if (!o?.ours?.ms) return 'n/a';
  if (!o.theirs?.ms) return o.theirsNote ? `— (${o.theirsNote})` : '—';
  const r = o.ours.ms / o.theirs.ms;
  const marks = `${o.theirsTrivial ? ' †' : ''}${o.oursTrivial ? ' ‡' : ''}`;
  const value = `${o.theirs.lowerBound ? '≤ ' : ''}${formatRatio(r)}`;
  return `${op?.incomparable ? value : `**${value}**`} (${formatMs(o.ours.ms)} / ${o.theirs.lowerBound ? '≥ ' : ''}${formatMs(o.theirs.ms)}${extra})${marks}`;
}

function kCell(step) {
  const { k } = step;
  if (k === undefined || Number.isNaN(k)) return 'n/a';
  if (step.noise) return `(${k.toFixed(2)})`;
  return k > GROWTH_LIMIT ? `**${k.toFixed(2)} ⚠**` : k.toFixed(2);
}

function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function bytes(n) {
  if (n === undefined) return 'n/a';
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1000).toFixed(1)} KB`;
}

export function renderReport(results) {
  const { info, config, sizes, fixtures, proc, targets, profiles, modules } = results;
  const L = [];
  L.push('# Benchmark results', '');
  L.push(`Written by \`npm run bench\`${config.mode === 'quick' ? ' -- --quick' : ''} (bench/run.mjs) on ${info.date}, in ${results.elapsedS.toFixed(0)} s. Do not edit by hand: re-run it.`, '');
  L.push(
    'Speed claims here are **ratios ours / theirs**, measured in one process on the same text, ours and theirs interleaved ' +
      '(ours, theirs, ours, …) so both see the same machine noise. Absolute times are for orientation only; they move between runs on a shared machine.',
    '',
  );
  L.push('## Machine and versions', '');
  L.push(`- ${info.cpu}, ${info.cores} cores, ${info.memGiB} GiB; ${info.os}; Node ${info.node}${info.gcExposed ? ' (gc between samples)' : ''}`);
  L.push(`- dockerfile-stages at ${info.commit}${info.dirty ? ` with ${info.dirty} uncommitted file(s) under server/src (other work in progress was measured as it stood)` : ''}`);
  L.push(`- ${Object.entries(info.versions).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  L.push(`- theirs = dockerfile-language-service (in process) and dockerfile-language-server-nodejs (whole process)`);
  L.push('');

  L.push('## Inputs', '');
  L.push(
    table(
      ['file', 'lines', 'stages', 'characters', 'probe'],
      sizes.map((s) => [`generated ~${sizeName(s.target)}`, s.lines, s.stages, s.chars, s.probe.refPos ? `\`--from=${s.probe.ref}\` on line ${s.probe.refPos.line + 1}; last FROM on line ${s.probe.fromPos.line + 1}` : 'no reference']),
    ),
  );
  if (fixtures) L.push('', `Plus every fixture in test-fixtures/ (${fixtures.files.length} files, ${fixtures.lines} lines): per operation, one timed call runs it over every file where both sides can, so the figure is the total over those files.`);
  L.push('', 'Generated files: `node bench/generate.mjs <lines>` (deterministic): global ARGs, then services of five stages (deps, build, test, docs, runtime) with ENV, WORKDIR, multi-line `RUN … &&`, `RUN --mount=type=cache`, `--mount=type=bind,from=<stage>`, `COPY --from` with `--link`/`--chown`/`--chmod` in any order, heredocs and comments.', '');

  const sizeHeads = sizes.map((s) => sizeName(s.target));
  L.push('## Ours / theirs on the same text (the headline)', '');
  L.push('Cell: **ratio** (our median / their median). Below 1 means we are faster. Ours navigates on the analysis already built for the document version (AnalysisCache), as the server does; theirs parses on every call (it has no cache). The model build is its own row.', '');
  const fx = (id) => {
    const t = fixtures?.totals[id];
    if (!t || t.files === 0) return 'n/a';
    if (!t.theirs) return `— (${formatMs(t.ours?.ms)} ours, ${t.files} files)`;
    return ratioCell({ ...t, oursTrivial: false }, OPERATIONS.find((o) => o.id === id), `, ${t.files} files`);
  };
  L.push(table(['operation', ...sizeHeads, ...(fixtures ? ['fixtures'] : [])], OPERATIONS.filter((o) => o.theirs || o.theirsMissing).map((o) => [o.label, ...sizes.map((s) => ratioCell(s.ops[o.id], o)), ...(fixtures ? [fx(o.id)] : [])])));
  const notes = OPERATIONS.filter((o) => o.note).map((o) => `- ${o.label}: ${o.note}.`);
  L.push('', ...notes);
  if (sizes.some((s) => Object.values(s.ops).some((o) => o.theirsTrivial))) L.push('- †: theirs returned nothing at the probe (no answer there; its time is still the time to say so).');
  if (sizes.some((s) => Object.values(s.ops).some((o) => o.oursTrivial))) L.push('- ‡: ours returned nothing at the probe (its time may be a short path).');
  L.push('');

  L.push('## Our medians and growth exponents', '');
  L.push(`Growth exponent k = log(t2/t1) / log(n2/n1) between sizes (n = lines): 1 is linear, 2 quadratic. **⚠** marks k > ${GROWTH_LIMIT}. Between tiny sizes (100 → 1k) fixed costs dominate and k is often below 1. In parentheses: the time at the larger size is under ${NOISE_FLOOR_MS * 1000} µs, where cache and timer effects outweigh growth; not counted for the target.`, '');
  const expHeads = (() => {
    const steps = exponents(results, 'model');
    return steps.map((s) => `k ${sizeName(s.from)}→${sizeName(s.to)}`);
  })();
  L.push(
    table(
      ['operation', ...sizeHeads.map((h) => `ours ${h}`), ...expHeads, 'theirs k (last step)'],
      OPERATIONS.map((o) => {
        const steps = exponents(results, o.id);
        const theirs = exponents(results, o.id, 'theirs').filter((s) => !s.overall && !Number.isNaN(s.k));
        const tk = theirs[theirs.length - 1];
        return [o.label, ...sizes.map((s) => cell(s.ops[o.id]?.ours)), ...steps.map((s) => kCell(s)), tk ? `${tk.k.toFixed(2)} (${sizeName(tk.from)}→${sizeName(tk.to)})` : 'n/a'];
      }),
    ),
  );
  L.push('');
  L.push('Their medians (dockerfile-language-service, same text, same process):', '');
  L.push(table(['operation', ...sizeHeads.map((h) => `theirs ${h}`)], OPERATIONS.filter((o) => o.theirs).map((o) => [o.label, ...sizes.map((s) => (s.ops[o.id]?.theirs ? cell(s.ops[o.id].theirs) : s.ops[o.id]?.theirsNote ?? 'n/a'))])));
  L.push('');

  const model = sizes[sizes.length - 1]?.ops.model?.ours?.ms;
  const parse = sizes[sizes.length - 1]?.ops.parse?.ours?.ms;
  if (model && parse) {
    const at = sizeName(sizes[sizes.length - 1].target);
    L.push(
      parse >= 0.9 * model
        ? `At ${at} lines our model build is essentially dockerfile-ast's parse: parse alone ${formatMs(parse)}, whole model build ${formatMs(model)} (measured separately, so within noise of each other).`
        : `dockerfile-ast's parse is ${((parse / model) * 100).toFixed(0)} % of our model build at ${at} lines (${formatMs(parse)} of ${formatMs(model)}).`,
      '',
    );
  }

  L.push('## Targets', '');
  L.push(table(['target', 'measured', 'status'], targets.map((t) => [t.text, t.measured, t.status === 'met' ? 'met' : t.status === 'missed' ? `**missed**${t.reason ? `: ${t.reason}` : ''}` : `n/a${t.reason ? `: ${t.reason}` : ''}`])));
  L.push('');

  if (proc) {
    L.push('## Whole process', '');
    const c = proc.cold;
    const rows = [];
    if (proc.build?.ok) {
      rows.push(['server/dist/serverMain.js (production)', bytes(proc.build.server), '', '']);
      if (proc.build.serverLoader) rows.push(['server/dist/server.js (production; loads serverMain.js through the code cache)', bytes(proc.build.serverLoader), '', '']);
      rows.push(['server/dist/cliMain.js (production; the CLI, run by the loader cli.js)', bytes(proc.build.cli), '', '']);
      rows.push(['client/dist/extension.js (production)', bytes(proc.build.client), '', '']);
    } else rows.push(['production build', `failed: ${proc.build?.error}`, '', '']);
    if (proc.vsix) rows.push(['dockerfile-stages.vsix', proc.vsix.ok ? `${bytes(proc.vsix.bytes)}${proc.vsix.entries ? ` (${proc.vsix.entries} zip entries)` : ''}` : `failed: ${proc.vsix.error}`, '', '']);
    for (const e of proc.vsix?.largest ?? []) rows.push([`· in the .vsix: ${e.name}`, `${bytes(e.bytes)} compressed (${bytes(e.raw)})`, '', '']);
    if (c) {
      const cs = (r, key) => (r?.error ? `error: ${r.error}` : r?.[key] !== undefined ? formatMs(r[key]) : key === 'diagMs' && r?.noDiagnostics ? 'none within 15 s' : 'n/a');
      const rr = (key) => (c.ours?.[key] && c.theirs?.[key] ? formatRatio(c.ours[key] / c.theirs[key]) : 'n/a');
      rows.push([`cold start → first publishDiagnostics (1k lines, stdio, median of ${c.runs})`, cs(c.ours, 'diagMs'), cs(c.theirs, 'diagMs'), rr('diagMs')]);
      rows.push(['cold start → initialize response', cs(c.ours, 'initMs'), cs(c.theirs, 'initMs'), rr('initMs')]);
      if (c.oursFirstStart) {
        const fr = (key) => (c.oursFirstStart?.[key] && c.theirs?.[key] ? formatRatio(c.oursFirstStart[key] / c.theirs[key]) : 'n/a');
        rows.push(['first start after an install (no code cache yet) → first publishDiagnostics', cs(c.oursFirstStart, 'diagMs'), cs(c.theirs, 'diagMs'), fr('diagMs')]);
      }
      if (c.oursCli) {
        const cr = (key) => (c.oursCli?.[key] && c.theirs?.[key] ? formatRatio(c.oursCli[key] / c.theirs[key]) : 'n/a');
        rows.push(['cold start as other editors start it (`dockerfile-stages lsp --stdio`) → first publishDiagnostics', cs(c.oursCli, 'diagMs'), cs(c.theirs, 'diagMs'), cr('diagMs')]);
      }
      rows.push(['(floor: `node -e 0` spawn to exit)', formatMs(c.bareNodeMs), '', '']);
    }
    if (proc.memory) {
      const m = proc.memory;
      const mb = (x) => (x?.rss ? `${(x.rss / 2 ** 20).toFixed(0)} MiB` : 'n/a');
      rows.push(['RSS after initialize', mb(m.ours?.idle), mb(m.theirs?.idle), '']);
      rows.push([`RSS with ${m.ours?.count} open 1k-line documents (diagnostics + symbols for each)`, `${mb(m.ours?.loaded)}${m.ours && m.ours.diagnosticsFor < m.ours.count ? ` (diagnostics for ${m.ours.diagnosticsFor})` : ''}`, mb(m.theirs?.loaded), m.ours?.loaded?.rss && m.theirs?.loaded?.rss ? formatRatio(m.ours.loaded.rss / m.theirs.loaded.rss) : 'n/a']);
    }
    if (proc.cli) {
      const o = proc.cli.ours;
      const t = proc.cli.tally;
      rows.push([
        '`dockerfile-stages check test-fixtures` vs `tally lint test-fixtures`',
        o.error ? `error: ${o.error}` : `${formatMs(o.ms)} (exit ${o.status})`,
        t ? (t.error ? `error: ${t.error}` : `${formatMs(t.ms)} (exit ${t.status})`) : 'tally not on PATH',
        t?.ms && o.ms ? formatRatio(o.ms / t.ms) : 'n/a',
      ]);
    }
    L.push(table(['figure', 'ours', 'theirs (dockerfile-language-server-nodejs)', 'ours/theirs'], rows));
    L.push('');
  }

  const profileTables = (p) => {
    L.push(`By package: ${p.owners.map((o) => `${o.name} ${(o.share * 100).toFixed(0)} %`).join(', ')}.`, '');
    L.push(table(['self', 'function', 'where'], p.self.slice(0, 8).map((e) => [`${(e.share * 100).toFixed(1)} %`, `\`${e.name}\``, e.where])));
    L.push('');
    L.push(table(['total', 'function', 'where'], p.total.slice(0, 12).map((e) => [`${(e.share * 100).toFixed(1)} %`, `\`${e.name}\``, e.where])));
    L.push('');
  };
  if (profiles?.length || results.coldProfile) {
    L.push('## Profiles of the missed targets', '');
    L.push('V8 CPU profiles (100 µs sampling); self = time in the function itself, total = time with its callees; "where" is the original source line (TypeScript through source maps).', '');
    for (const p of (profiles ?? []).filter((x) => !x.skipped)) {
      L.push(`### ${p.op} at ~${sizeName(p.size)} lines (${p.why})`, '');
      L.push(`Our call alone, repeated in process: ${p.calls} calls in ${formatMs(p.sampledMs)} sampled, ${formatMs(p.sampledMs / p.calls)} per call.`);
      profileTables(p);
    }
    const skipped = (profiles ?? []).filter((x) => x.skipped);
    if (skipped.length) L.push(`Not profiled within the time budget: ${skipped.map((x) => `${x.op} at ~${sizeName(x.size)} (${x.why})`).join('; ')}. Run \`node bench/profile-op.mjs <operation> <lines>\`.`, '');
    const c = results.coldProfile;
    if (c) {
      L.push('### Cold start (spawn → first publishDiagnostics → exit)', '');
      if (c.error) L.push(`Not profiled: ${c.error}`, '');
      else {
        L.push(`\`node --cpu-prof\` of one cold start of the same entry bundled without minification (with a source map), 1k-line file: first diagnostics after ${formatMs(c.diagMs)} (profiling slows it), ${formatMs(c.sampledMs)} sampled up to exit.`);
        profileTables(c);
      }
    }
  }

  L.push('## Not measured', '');
  const na = modules.available.filter((a) => !a.available).map((a) => a.label);
  if (modules.missing.length) L.push(`- Modules not present when this ran: ${modules.missing.map((m) => `\`${m}.ts\``).join(', ')}.`);
  for (const [m, e] of Object.entries(modules.failed)) L.push(`- \`${m}.ts\` did not load: ${e}`);
  if (na.length) L.push(`- Operations reported n/a: ${na.join(', ')}.`);
  L.push('- dockerfile-language-service has no references and no code lenses: those rows have no ratio.');
  if (!na.length && !modules.missing.length) L.push('- Every operation was measured.');
  L.push('');

  L.push('## Method', '');
  L.push(
    `- Per size and operation: warm-up, then ${config.measure.runs} samples per side, median. Calls under ~${config.measure.batchMs} ms are timed in batches and divided. A side whose ${config.measure.runs} samples would exceed its budget (ours ${(config.measure.oursBudgetMs ?? config.measure.budgetMs) / 1000} s, theirs ${(config.measure.theirsBudgetMs ?? config.measure.budgetMs) / 1000} s) takes fewer (at least ${config.measure.oursMinRuns ?? 5} for ours, 3 for theirs); the run count is then shown.`,
    `- A call slower than ${config.measure.slowMs / 1000} s is measured once ("1 run"); for theirs that is shown as a lower bound (≥). A call of theirs predicted (from its growth between the previous sizes) to take over ${config.predictSkipMs / 1000} s is skipped and says so.`,
    '- Diagnostics "after an edit": each call sees a new document version whose text differs (a trailing newline toggled), so ours rebuilds the model and runs every rule; theirs validates the same text.',
    '- Whole process: the production bundle (`node esbuild.mjs --production`), spawned with `--stdio`; time from spawn to the first `textDocument/publishDiagnostics` for a didOpen sent right after `initialize` answers; both servers alternate, first round discarded. The client declares no `workspace/configuration`, so both use their defaults. Ours runs from the V8 code cache its first (discarded) start wrote, as every start after an editor\'s first does (server/src/codeCache.ts); the "first start after an install" row is ours with `--no-code-cache`.',
    '- The .vsix is built as `npm run package` builds it (`vsce package --no-dependencies`), into bench/out/.',
    '- Profiles: `node --cpu-prof` for a whole process, or the same V8 sampler in process for one operation; run `node bench/profile-op.mjs <operation> <lines>` to get one by hand.',
  );
  L.push('');
  return L.join('\n');
}
