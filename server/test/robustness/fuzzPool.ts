/**
 * Runs the fuzzer in several worker processes (fuzzWorker.ts), one seed each (seed, seed+1, …), so a
 * run uses every core and every failure still replays from its own seed alone. The first failure
 * stops the other workers.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { FuzzFailure } from './fuzzRun';

export interface PoolOptions {
  seed: number;
  runs: number;
  workers: number;
  /** Replay: one worker, exactly this seed and fast-check path. */
  path?: string;
  base?: boolean;
  progressEvery?: number;
  onProgress?: (done: number, elapsedMs: number) => void;
}

export interface PoolResult {
  runs: number;
  elapsedMs: number;
  seeds: number[];
  failure?: FuzzFailure;
  /** ms per entry point, summed over the workers. */
  timeByEntryPoint: Map<string, number>;
}

type Message =
  | { type: 'progress'; seed: number; done: number; elapsedMs: number }
  | { type: 'result'; seed: number; runs: number; elapsedMs: number; failure?: FuzzFailure; timeByEntryPoint: [string, number][] }
  | { type: 'error'; message: string };

export function runPool(options: PoolOptions): Promise<PoolResult> {
  const workers = options.path ? 1 : Math.max(1, options.workers);
  const seeds = Array.from({ length: workers }, (_, i) => options.seed + i);
  const started = performance.now();
  const done = new Map<number, number>();
  const children: ChildProcess[] = [];
  const times = new Map<string, number>();
  /** Cases each worker ran: its final count, or its last progress report when it was stopped early. */
  const reported = new Map<number, number>();
  let failure: FuzzFailure | undefined;

  const one = (seed: number, share: number) =>
    new Promise<void>((resolve, reject) => {
      const job = { seed, runs: share, path: options.path, base: options.base, progressEvery: options.progressEvery };
      const child = fork(join(__dirname, 'fuzzWorker.ts'), [JSON.stringify(job)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      children.push(child);
      let finished = false;
      child.on('message', (m: Message) => {
        if (m.type === 'progress') {
          done.set(seed, m.done);
          options.onProgress?.([...done.values()].reduce((a, b) => a + b, 0), performance.now() - started);
        } else if (m.type === 'result') {
          finished = true;
          reported.set(seed, m.runs);
          for (const [k, v] of m.timeByEntryPoint) times.set(k, (times.get(k) ?? 0) + v);
          if (m.failure && !failure) {
            failure = m.failure;
            for (const other of children) if (other !== child) other.kill();
          }
        } else {
          finished = true;
          reject(new Error(`fuzz worker (seed ${seed}) failed:\n${m.message}`));
        }
      });
      child.on('exit', (code, signal) => {
        if (finished || failure) resolve();
        else reject(new Error(`fuzz worker (seed ${seed}) exited with ${signal ?? code} before reporting`));
      });
    });

  const share = (i: number) => Math.floor(options.runs / workers) + (i < options.runs % workers ? 1 : 0);
  return Promise.all(seeds.map((seed, i) => one(seed, share(i))))
    .then(() => {
      const runs = seeds.reduce((sum, seed) => sum + (reported.get(seed) ?? done.get(seed) ?? 0), 0);
      return { runs, elapsedMs: performance.now() - started, seeds, failure, timeByEntryPoint: times };
    })
    .finally(() => {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
    });
}
