/**
 * One seeded, reproducible fuzz run over the invariants (invariants.ts) with fast-check: used by the
 * short run in the unit tests and by `npm run fuzz` (scripts/fuzz.mjs). A failure comes back shrunk,
 * with its seed and path, the text, and a command that replays it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { caseArb, caseQueries, caseText, fixtureTexts, type FuzzCase } from './arbitraries';
import { checkText } from './invariants';
import { FIXTURES } from '../helpers';

export const REGRESSIONS = join(FIXTURES, 'regressions');

export interface FuzzOptions {
  seed: number;
  runs: number;
  /** dockerfile-language-service's features too (default true). */
  base?: boolean;
  /** Replay one failure: the path fast-check printed. */
  path?: string;
  /** Called every `progressEvery` cases. */
  onProgress?: (done: number, elapsedMs: number) => void;
  progressEvery?: number;
}

export interface FuzzFailure {
  seed: number;
  path: string;
  case: FuzzCase;
  text: string;
  error: string;
}

export interface FuzzResult {
  runs: number;
  elapsedMs: number;
  failure?: FuzzFailure;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const fixtures = fixtureTexts();
  let done = 0;
  const started = performance.now();
  const property = fc.asyncProperty(caseArb(fixtures.length), async (c) => {
    done++;
    if (options.onProgress && done % (options.progressEvery ?? 1000) === 0) options.onProgress(done, performance.now() - started);
    const q = caseQueries(c);
    await checkText(caseText(c, fixtures), options.base === false ? { ...q, base: false } : q);
  });
  const details = await fc.check(property, { seed: options.seed, numRuns: options.runs, path: options.path, endOnFailure: false });
  const elapsedMs = performance.now() - started;
  if (!details.failed || !details.counterexample) return { runs: details.numRuns, elapsedMs };
  const [c] = details.counterexample;
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return {
    runs: details.numRuns,
    elapsedMs,
    failure: { seed: details.seed, path: details.counterexample ? (details.counterexamplePath ?? '') : '', case: c, text: caseText(c, fixtures), error },
  };
}

/** Saves a failing case as test-fixtures/regressions/<id>.txt (the Dockerfile) + <id>.json (how to ask). */
export function saveRegression(failure: FuzzFailure): string {
  mkdirSync(REGRESSIONS, { recursive: true });
  const id = `fuzz-${createHash('sha256').update(failure.text).digest('hex').slice(0, 12)}`;
  writeFileSync(join(REGRESSIONS, `${id}.txt`), failure.text);
  const meta = {
    found: `seed ${failure.seed}, path ${failure.path}`,
    error: failure.error.split('\n')[0],
    offsets: failure.case.offsets,
    newName: failure.case.newName,
    target: failure.case.target,
  };
  writeFileSync(join(REGRESSIONS, `${id}.json`), JSON.stringify(meta, null, 2) + '\n');
  return join(REGRESSIONS, `${id}.txt`);
}

export function describeFailure(failure: FuzzFailure): string {
  return [
    `fuzz case failed (seed ${failure.seed}, path ${failure.path})`,
    `replay: npm run fuzz -- --seed ${failure.seed} --path ${failure.path}`,
    failure.error,
    '--- case ---',
    JSON.stringify(failure.case),
    '--- text (JSON) ---',
    JSON.stringify(failure.text),
  ].join('\n');
}
