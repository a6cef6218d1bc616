/**
 * The short fuzz run of the unit tests: a few thousand mutated Dockerfiles (fixtures and generated
 * files put through random edits, see arbitraries.ts) against every invariant of invariants.ts, in
 * two worker processes, with fixed seeds so a failure replays. `npm run fuzz` runs 100k+.
 * FUZZ_SEED / FUZZ_RUNS override the seed and the count.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { runPool } from './fuzzPool';
import { describeFailure } from './fuzzRun';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const WORKERS = Math.min(2, availableParallelism());

test(`fuzz: ${RUNS} mutated Dockerfiles keep every invariant (seeds ${SEED}..${SEED + WORKERS - 1})`, { timeout: 600_000 }, async (t) => {
  t.diagnostic(`fuzz seed ${SEED}, ${RUNS} cases, ${WORKERS} workers; repeat: npm run fuzz -- --seed ${SEED} --runs ${RUNS} --workers ${WORKERS}`);
  const result = await runPool({ seed: SEED, runs: RUNS, workers: WORKERS });
  t.diagnostic(`${result.runs} cases, ${(result.runs / (result.elapsedMs / 1000)).toFixed(0)} cases/s`);
  if (result.failure) assert.fail(describeFailure(result.failure));
  assert.equal(result.runs, RUNS);
});
