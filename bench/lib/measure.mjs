// Timing helpers: warm-up, batching of very fast calls, medians, a time budget for slow calls,
// and ours/theirs interleaving so both sides see the same machine noise.
import { performance } from 'node:perf_hooks';

/** Keeps results alive so the JIT cannot drop a call whose value is unused. */
let sinkValue;
export function sink(v) {
  sinkValue = v;
  return sinkValue;
}

const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};

export function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function isThenable(v) {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof v.then === 'function';
}

/** Runs fn `k` times and returns the mean time of one call in ms (awaits thenables inside the timing). */
async function batch(fn, k) {
  const t0 = performance.now();
  for (let i = 0; i < k; i++) {
    const r = fn();
    sink(isThenable(r) ? await r : r);
  }
  return (performance.now() - t0) / k;
}

/**
 * One side of a comparison. `prepare()` warms it up and decides the batch size and number of runs
 * within the budget; then `sample()` is called once per run.
 */
class Side {
  constructor(fn, opts) {
    this.fn = fn;
    this.opts = opts;
    this.samples = [];
    this.k = 1;
    this.runs = opts.runs;
    this.note = '';
    this.error = undefined;
    this.estimate = 0;
  }

  async prepare() {
    const { runs, budgetMs, slowMs, warmupMs, batchMs, minRuns } = this.opts;
    let first;
    try {
      first = await batch(this.fn, 1);
    } catch (e) {
      this.error = e;
      this.runs = 0;
      return;
    }
    if (first > slowMs) {
      // One call is all the budget allows. Theirs: reported as a lower bound ("≥ X s (1 run)").
      // Ours: that call is the measurement, marked "(1 run)".
      this.samples.push(first);
      this.runs = 1;
      this.note = this.opts.lowerBoundWhenSlow ? '≥ (1 run)' : '1 run';
      return;
    }
    // Warm-up: a few calls, or more for fast calls, until `warmupMs` have been spent.
    let spent = first;
    let calls = 1;
    let estimate = first;
    while (spent < warmupMs && calls < 100000) {
      const k = Math.max(1, Math.min(1000, Math.floor(calls)));
      const t = await batch(this.fn, k);
      spent += t * k;
      calls += k;
      estimate = t;
      if (estimate > warmupMs / 3) break;
    }
    this.estimate = estimate;
    this.k = estimate > 0 ? Math.max(1, Math.min(10000, Math.round(batchMs / estimate))) : 1000;
    if (estimate * this.k * runs > budgetMs) {
      this.runs = Math.min(runs, Math.max(minRuns, Math.floor(budgetMs / (estimate * this.k))));
      if (this.runs < runs) this.note = `${this.runs} runs`;
    }
  }

  async sample() {
    if (this.samples.length >= this.runs || this.error) return;
    // A full collection before a long sample keeps garbage left by the other side out of it; short
    // (batched) samples rarely meet a collection and the median drops those that do.
    if (this.estimate * this.k >= 2) gc();
    try {
      this.samples.push(await batch(this.fn, this.k));
    } catch (e) {
      this.error = e;
      this.runs = 0;
    }
  }

  result() {
    if (this.error) return { error: String(this.error?.message ?? this.error).split('\n')[0] };
    const lowerBound = this.note.startsWith('≥');
    return { ms: median(this.samples), runs: this.samples.length, batch: this.k, lowerBound, note: this.note };
  }
}

export const defaultOptions = {
  runs: 15,
  /** Total time one side of one operation may take, after warm-up. */
  budgetMs: 20000,
  /** A single call slower than this is measured once (theirs: shown as a lower bound). */
  slowMs: 5000,
  /** Fewest samples of ours when its budget would allow fewer. */
  oursMinRuns: 5,
  warmupMs: 60,
  /** Very fast calls are timed in batches of about this length. */
  batchMs: 0.5,
};

/**
 * Measures `ours` and, if given, `theirs` on the same input: warm-up, then alternating samples
 * (ours, theirs, ours, …) so both see the same noise. Returns medians in ms per call.
 */
export async function compare(ours, theirs, options = {}) {
  const opts = { ...defaultOptions, ...options };
  // Ours gets at least `oursMinRuns` samples even past its budget, unless one call takes over `slowMs`.
  const a = ours ? new Side(ours, { ...opts, budgetMs: opts.oursBudgetMs ?? opts.budgetMs, minRuns: opts.oursMinRuns, slowMs: opts.oursSlowMs ?? opts.slowMs }) : undefined;
  const b = theirs ? new Side(theirs, { ...opts, budgetMs: opts.theirsBudgetMs ?? opts.budgetMs, minRuns: 3, lowerBoundWhenSlow: true }) : undefined;
  await a?.prepare();
  await b?.prepare();
  const rounds = Math.max(a?.runs ?? 0, b?.runs ?? 0);
  for (let i = 0; i < rounds; i++) {
    await a?.sample();
    await b?.sample();
  }
  return { ours: a?.result(), theirs: b?.result() };
}

/** log(t2/t1) / log(n2/n1): 1 is linear, 2 quadratic, 0 constant. */
export function growthExponent(t1, t2, n1, n2) {
  if (!(t1 > 0 && t2 > 0 && n2 > n1)) return NaN;
  return Math.log(t2 / t1) / Math.log(n2 / n1);
}

export function formatMs(ms) {
  if (ms === undefined || Number.isNaN(ms)) return 'n/a';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10000 ? 1 : 2)} s`;
  if (ms >= 1) return `${ms.toFixed(ms >= 100 ? 0 : ms >= 10 ? 1 : 2)} ms`;
  const us = ms * 1000;
  return `${us.toFixed(us >= 100 ? 0 : us >= 10 ? 1 : 2)} µs`;
}

export function formatRatio(r) {
  if (r === undefined || Number.isNaN(r)) return 'n/a';
  if (r >= 10) return `${r.toFixed(0)}×`;
  if (r >= 0.1) return `${r.toFixed(2)}×`;
  if (r >= 0.001) return `${r.toFixed(4)}×`;
  return `${r.toExponential(1)}×`;
}
