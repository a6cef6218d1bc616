// `npm run fuzz`: the long fuzz run over every service entry point (server/test/robustness/).
// Usage: npm run fuzz -- [--seed N] [--runs N] [--workers N] [--path P] [--no-base] [--profile]
//   --seed     first seed (worker i uses seed+i); default: the time, printed so the run can be repeated
//   --runs     cases in all (default 100000)
//   --workers  processes (default: one per core)
//   --path     replay one failure: the fast-check path printed with it (one worker, that seed)
//   --no-base  skip dockerfile-language-service's features (faster; our own service only)
//   --profile  print where the time went, per entry point
// Prints cases/second as it goes. A failure is printed (shrunk), saved to test-fixtures/regressions/
// (replayed by the unit tests from then on), and the exit code is 1.
// Runs under tsx (the npm script passes --import tsx) because the fuzzer is the unit tests' TypeScript.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { relative } from 'node:path';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    runs: { type: 'string', default: '100000' },
    workers: { type: 'string', default: String(availableParallelism()) },
    path: { type: 'string' },
    'no-base': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});

const int = (name, value) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`fuzz: --${name} must be a non-negative integer, got '${value}'`);
    process.exit(2);
  }
  return n;
};

const seed = values.seed === undefined ? Date.now() % 2 ** 31 : int('seed', values.seed);
const runs = int('runs', values.runs);
const workers = Math.max(1, int('workers', values.workers));

const { runPool } = await import('../server/test/robustness/fuzzPool.ts');
const { describeFailure, saveRegression } = await import('../server/test/robustness/fuzzRun.ts');

console.log(
  values.path
    ? `fuzz: replaying seed ${seed}, path ${values.path}`
    : `fuzz: ${runs} cases, seed ${seed}${workers > 1 ? `..${seed + workers - 1} (${workers} workers)` : ''}; repeat with: npm run fuzz -- --seed ${seed} --runs ${runs} --workers ${workers}`,
);
let lastReport = 0;
const result = await runPool({
  seed,
  runs,
  workers,
  path: values.path,
  base: !values['no-base'],
  progressEvery: 250,
  onProgress: (done, ms) => {
    if (ms - lastReport < 10_000) return;
    lastReport = ms;
    console.log(`  ${done} cases, ${(done / (ms / 1000)).toFixed(0)} cases/s`);
  },
});

const rate = result.runs / (result.elapsedMs / 1000);
const cpuPerCase = [...result.timeByEntryPoint.values()].reduce((a, b) => a + b, 0) / Math.max(1, result.runs);
console.log(
  `fuzz: ${result.runs} cases in ${(result.elapsedMs / 1000).toFixed(1)} s: ${rate.toFixed(0)} cases/s, ${cpuPerCase.toFixed(1)} ms of CPU per case in the service (seeds ${result.seeds.join(', ')})`,
);
if (values.profile) {
  const total = [...result.timeByEntryPoint.values()].reduce((a, b) => a + b, 0);
  for (const [name, ms] of [...result.timeByEntryPoint].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`  ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
  }
}
if (result.failure) {
  console.error(describeFailure(result.failure));
  const saved = saveRegression(result.failure);
  console.error(`saved as ${relative(process.cwd(), saved)} (and its .json); the unit tests replay it from now on`);
  process.exit(1);
}
console.log(`${result.runs} passed, 0 failed`);
