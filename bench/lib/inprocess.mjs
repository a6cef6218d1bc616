// Times every operation, ours and theirs, on each generated size and on the real fixtures, in this
// process. Returns plain data for the report.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { compare, growthExponent, median, sink } from './measure.mjs';
import { OPERATIONS, makeContext } from './ops.mjs';
import { generateDockerfile } from '../generate.mjs';

function log(...a) {
  process.stderr.write(`${a.join(' ')}\n`);
}

function safeCall(f) {
  try {
    const r = f();
    return { ok: true, value: r };
  } catch (e) {
    return { ok: false, error: String(e?.message ?? e).split('\n')[0] };
  }
}

async function checkOnce(fn, check) {
  if (!fn) return undefined;
  const r = safeCall(fn);
  if (!r.ok) return { error: r.error };
  const value = r.value && typeof r.value.then === 'function' ? await r.value : r.value;
  sink(value);
  return { trivial: check ? !check(value) : false };
}

/** Which of our operations are available with the modules that loaded, and why not otherwise. */
export function availability(S) {
  const ctx = makeContext(S, generateDockerfile(100).text);
  return OPERATIONS.map((op) => {
    const r = safeCall(() => op.ours(ctx));
    return { id: op.id, label: op.label, available: r.ok && !!r.value, error: r.ok ? undefined : r.error };
  });
}

/**
 * Measures every operation on one text. `prev` is the same text family at the previous size: used to
 * predict an exploding DLS call and skip it rather than wait for minutes.
 */
async function measureText(S, dls, Parser, text, opts, prev, sizeLabel) {
  const ctx = { ...makeContext(S, text), Parser };
  const out = {};
  for (const op of OPERATIONS) {
    if (opts.ops && !opts.ops.includes(op.id)) continue;
    const ours = safeCall(() => op.ours(ctx));
    const oursFn = ours.ok ? ours.value || undefined : undefined;
    let theirsFn;
    let theirsNote = op.theirsMissing;
    if (op.theirs && opts.theirs !== false) {
      const t = safeCall(() => op.theirs(ctx, dls));
      theirsFn = t.ok ? t.value || undefined : undefined;
      const p = prev?.ops?.[op.id]?.theirs;
      if (theirsFn && p?.ms > 0 && prev.lines < opts.lines) {
        const k = Math.max(1, prev.ops[op.id].theirsExponent ?? 1);
        const predicted = p.ms * (opts.lines / prev.lines) ** k;
        if (predicted > opts.predictSkipMs) {
          theirsFn = undefined;
          theirsNote = `skipped: ≈ ${(predicted / 1000).toFixed(0)} s predicted (n^${k.toFixed(2)} from the previous sizes)`;
        }
      }
    }
    const [oursCheck, theirsCheck] = [await checkOnce(oursFn, op.check), await checkOnce(theirsFn, op.check)];
    if (!oursFn && !theirsFn) {
      out[op.id] = { ours: undefined, theirs: undefined, theirsNote, oursError: ours.ok ? undefined : ours.error };
      continue;
    }
    const r = await compare(oursCheck?.error ? undefined : oursFn, theirsCheck?.error ? undefined : theirsFn, opts.measure);
    out[op.id] = {
      ours: oursCheck?.error ? { error: oursCheck.error } : r.ours,
      theirs: theirsCheck?.error ? { error: theirsCheck.error } : r.theirs,
      oursTrivial: oursCheck?.trivial,
      theirsTrivial: theirsCheck?.trivial,
      theirsNote,
    };
    if (prev?.ops?.[op.id]?.theirs?.ms > 0 && out[op.id].theirs?.ms > 0) {
      out[op.id].theirsExponent = growthExponent(prev.ops[op.id].theirs.ms, out[op.id].theirs.ms, prev.lines, opts.lines);
    } else if (prev?.ops?.[op.id]?.theirsExponent) {
      out[op.id].theirsExponent = prev.ops[op.id].theirsExponent;
    }
    const o = out[op.id];
    if (!opts.quiet) log(`  ${sizeLabel} ${op.id.padEnd(18)} ours ${fmt(o.ours)}  theirs ${fmt(o.theirs)}${o.theirsNote && !o.theirs ? ` (${o.theirsNote})` : ''}`);
  }
  return { ctx, ops: out };
}

function fmt(r) {
  if (!r) return 'n/a';
  if (r.error) return `error: ${r.error}`;
  return `${r.ms.toFixed(4)} ms${r.runs < 15 ? ` (${r.runs} runs)` : ''}`;
}

export async function runSizes(S, dls, Parser, config) {
  const results = [];
  let prev;
  for (const lines of config.sizes) {
    const gen = generateDockerfile(lines);
    log(`size ~${lines} lines: ${gen.lines} lines, ${gen.stages} stages, ${gen.text.length} chars`);
    const opts = { ...config, lines: gen.lines };
    const { ctx, ops } = await measureText(S, dls, Parser, gen.text, opts, prev, `${lines}`);
    const entry = { target: lines, lines: gen.lines, stages: gen.stages, chars: gen.text.length, probe: { ref: ctx.refValue, refPos: ctx.refPos, fromPos: ctx.fromPos }, ops };
    results.push(entry);
    prev = entry;
  }
  return results;
}

function listFixtures(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFixtures(p));
    else if (/(^|\.)(Dockerfile|Containerfile)$|\.(dockerfile|containerfile)$/i.test(name)) out.push(p);
  }
  return out;
}

/** Runs every function of a list once; awaits the thenables among the results. */
function all(fns) {
  return () => {
    let pending;
    for (const f of fns) {
      const r = f();
      if (r && typeof r.then === 'function') (pending ??= []).push(r);
      else sink(r);
    }
    return pending ? Promise.all(pending) : undefined;
  };
}

/**
 * Every real fixture: per operation, one timed call runs it over all the fixtures where both sides can
 * (or ours alone, where theirs has no such operation), so the figure is the total over the files and
 * the ratio is taken on exactly the same files.
 */
export async function runFixtures(S, dls, Parser, root, config) {
  const files = listFixtures(path.join(root, 'test-fixtures'));
  let lines = 0;
  const contexts = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    lines += text.split(/\r?\n/).length;
    const ctx = safeCall(() => ({ ...makeContext(S, text, `file:///fixtures/${path.basename(file)}`), Parser }));
    if (ctx.ok) contexts.push(ctx.value);
  }
  const totals = {};
  for (const op of OPERATIONS) {
    const ours = [];
    const theirs = [];
    let trivial = 0;
    for (const ctx of contexts) {
      const o = safeCall(() => op.ours(ctx));
      const t = op.theirs && config.theirs !== false ? safeCall(() => op.theirs(ctx, dls)) : undefined;
      if (!o.ok || !o.value || (t && (!t.ok || !t.value))) continue;
      const oc = await checkOnce(o.value, op.check);
      const tc = t ? await checkOnce(t.value, op.check) : undefined;
      if (oc?.error || tc?.error) continue;
      if (oc?.trivial) trivial++;
      ours.push(o.value);
      if (t) theirs.push(t.value);
    }
    if (ours.length === 0) {
      totals[op.id] = { files: 0 };
      continue;
    }
    const r = await compare(all(ours), theirs.length ? all(theirs) : undefined, config.measure);
    totals[op.id] = { files: ours.length, ours: r.ours, theirs: r.theirs, oursTrivial: trivial };
    log(`  fixtures ${op.id.padEnd(18)} ${ours.length} files: ours ${fmt(r.ours)}  theirs ${fmt(r.theirs)}`);
  }
  return { files: files.map((f) => path.relative(root, f)), lines, totals };
}

export { median };
