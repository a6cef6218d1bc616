/**
 * One fuzz worker process (forked by fuzz.test.ts and scripts/fuzz.mjs with `--import tsx`): runs
 * `runFuzz` with the seed and count it is given and reports progress and the result over IPC.
 * Messages: { type: 'progress', done, elapsedMs } … then { type: 'result', seed, runs, elapsedMs, failure? }.
 */
import { runFuzz, type FuzzOptions } from './fuzzRun';
import { timeByEntryPoint } from './invariants';

interface Job {
  seed: number;
  runs: number;
  path?: string;
  base?: boolean;
  progressEvery?: number;
}

function send(message: unknown): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, () => resolve()) : (console.log(JSON.stringify(message)), resolve())));
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as Job;
  const options: FuzzOptions = {
    seed: job.seed,
    runs: job.runs,
    path: job.path,
    base: job.base,
    progressEvery: job.progressEvery ?? 500,
    onProgress: (done, elapsedMs) => void send({ type: 'progress', seed: job.seed, done, elapsedMs }),
  };
  const result = await runFuzz(options);
  await send({ type: 'result', seed: job.seed, runs: result.runs, elapsedMs: result.elapsedMs, failure: result.failure, timeByEntryPoint: [...timeByEntryPoint] });
  process.disconnect?.();
}

main().catch(async (e: unknown) => {
  await send({ type: 'error', message: (e as Error)?.stack ?? String(e) });
  process.exitCode = 1;
  process.disconnect?.();
});
