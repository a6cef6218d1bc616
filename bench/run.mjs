// `npm run bench`: the benchmark of issue #9. Speed claims come from one run on the same text, as
// ratios ours/theirs (dockerfile-language-service), plus growth exponents and whole-process figures.
//
//   node --expose-gc bench/run.mjs            full run, writes bench/RESULTS.md (~10 min on 2 cores)
//   node --expose-gc bench/run.mjs --quick    smoke check: 100 and 1k lines, fewer runs (< 2 min), writes bench/out/RESULTS-quick.md
//   options: --sizes=100,1000  --ops=parse,diagnostics+base  --ours-only  --no-process  --no-fixtures  --no-profiles  --out=FILE
//   node bench/run.mjs --render [--quick]    rewrite the markdown from the last run's bench/out/results*.json
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ROOT, loadService, loadDls, loadParser, packageVersion } from './lib/service.mjs';
import { runSizes, runFixtures, availability } from './lib/inprocess.mjs';
import { productionBuildAndPackage, coldStart, memoryWithDocuments, cliVersusTally, profileColdStart, ensureDir } from './lib/process.mjs';
import { evaluateTargets, profilesForMisses, renderReport } from './lib/report.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const quick = flag('quick');
const config = quick
  ? {
      mode: 'quick',
      sizes: [100, 1000],
      measure: { runs: 5, oursBudgetMs: 2000, theirsBudgetMs: 1000, slowMs: 2000, warmupMs: 20, batchMs: 0.3 },
      fixtureMeasure: { runs: 3, oursBudgetMs: 200, theirsBudgetMs: 200, slowMs: 2000, warmupMs: 5, batchMs: 0.2 },
      predictSkipMs: 3000,
      coldRuns: 3,
      memDocs: 100,
      cliRuns: 2,
      profileMs: 700,
    }
  : {
      mode: 'full',
      sizes: [100, 1000, 10000, 50000],
      measure: { runs: 15, oursBudgetMs: 10000, theirsBudgetMs: 6000, slowMs: 5000, oursMinRuns: 3, warmupMs: 60, batchMs: 0.5 },
      fixtureMeasure: { runs: 15, oursBudgetMs: 2000, theirsBudgetMs: 2000, slowMs: 5000, warmupMs: 20, batchMs: 0.3 },
      predictSkipMs: 120000,
      coldRuns: 10,
      memDocs: 100,
      cliRuns: 5,
      profileMs: 2000,
      profileBudgetMs: 60000,
    };
if (option('sizes')) config.sizes = option('sizes').split(',').map(Number);
if (option('ops')) config.ops = option('ops').split(',');
config.theirs = !flag('ours-only');

const outDir = ensureDir(path.join(ROOT, 'bench/out'));
const outFile = option('out') ?? (quick || option('sizes') || option('ops') || !config.theirs ? path.join(outDir, 'RESULTS-quick.md') : path.join(ROOT, 'bench/RESULTS.md'));

const t0 = performance.now();
function log(...a) {
  process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${a.join(' ')}\n`);
}

function machine() {
  const git = (a) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: git(['status', '--porcelain', '--', 'server/src']).split('\n').filter(Boolean).length,
    gcExposed: typeof globalThis.gc === 'function',
    versions: Object.fromEntries(
      ['dockerfile-ast', 'dockerfile-language-service', 'dockerfile-utils', 'dockerfile-language-server-nodejs', 'vscode-languageserver', 'esbuild'].map((n) => [n, packageVersion(n)]),
    ),
  };
}

if (flag('render')) {
  const results = JSON.parse(readFileSync(path.join(outDir, quick ? 'results-quick.json' : 'results.json'), 'utf8'));
  writeFileSync(outFile, renderReport(results));
  log(`wrote ${path.relative(process.cwd(), outFile)} from the measurements of ${results.info.date}`);
  process.exit(0);
}

const started = performance.now();
const info = machine();
log(`bench (${config.mode}) on ${info.cpu} ×${info.cores}, node ${info.node}${info.gcExposed ? '' : ' (run with --expose-gc for steadier numbers)'}`);

// 1. The production build first: the whole-process figures use the real bundle.
let build;
if (!flag('no-process')) {
  log('production build (node esbuild.mjs --production) and .vsix (vsce package --no-dependencies)…');
  build = productionBuildAndPackage(ROOT, outDir);
  if (!build.ok) log(`  build failed: ${build.error}`);
}

// 2. In-process operations, ours and theirs on the same text.
const S = loadService();
if (!S.modules.model) {
  log(`server/src/service/model.ts does not load: ${S.failed.model ?? 'missing'}`);
  process.exit(2);
}
for (const [m, e] of Object.entries(S.failed)) log(`  module ${m} does not load: ${e}`);
const dls = loadDls();
const Parser = loadParser();
const available = availability(S.modules);
log(`operations: ${available.map((a) => `${a.id}${a.available ? '' : ' (n/a)'}`).join(', ')}`);

const sizes = await runSizes(S.modules, dls, Parser, { ...config, measure: config.measure, predictSkipMs: config.predictSkipMs });
let fixtures;
if (!flag('no-fixtures')) {
  log('fixtures…');
  fixtures = await runFixtures(S.modules, dls, Parser, ROOT, { measure: config.fixtureMeasure, theirs: config.theirs });
}

// 3. Whole-process figures.
let proc;
if (!flag('no-process')) {
  proc = { build, vsix: build?.vsix };
  if (build?.ok) {
    log('cold start to first publishDiagnostics…');
    // Ours with its V8 code cache in a folder of the bench's own, written by the first (discarded) round
    // as an editor's first start writes it; and ours without it, as on the first start after an install.
    const codeCache = path.join(outDir, 'code-cache');
    rmSync(codeCache, { recursive: true, force: true });
    const servers = [
      { id: 'ours', argv: [path.join(build.dir, 'server/dist/server.js'), '--stdio', `--code-cache-dir=${codeCache}`] },
      { id: 'theirs', argv: ['node_modules/dockerfile-language-server-nodejs/lib/server.js', '--stdio'] },
    ];
    const firstStart = { id: 'oursFirstStart', argv: [path.join(build.dir, 'server/dist/server.js'), '--stdio', '--no-code-cache'] };
    // Other editors start `dockerfile-stages lsp --stdio`: the CLI bundle, with a code cache of its own.
    const viaCli = { id: 'oursCli', argv: [path.join(build.dir, 'server/dist/cli.js'), 'lsp', '--stdio', `--code-cache-dir=${codeCache}`] };
    proc.cold = await coldStart(ROOT, [...servers, firstStart, viaCli], config.coldRuns);
    log(`RSS with ${config.memDocs} open 1k-line documents…`);
    proc.memory = {};
    for (const s of servers) {
      proc.memory[s.id] = await memoryWithDocuments(ROOT, s, config.memDocs);
      log(`  ${s.id}: ${JSON.stringify(proc.memory[s.id])}`);
    }
    log('CLI on the fixtures…');
    proc.cli = cliVersusTally(ROOT, build.dir, config.cliRuns);
  }
}

// 4. Targets, and a profile for each one missed by our code.
const results = { config, info, modules: { missing: S.missing, failed: S.failed, available }, sizes, fixtures, proc };
results.targets = evaluateTargets(results);
if (!flag('no-profiles')) {
  log('profiles for missed targets…');
  results.profiles = await profilesForMisses(results, S.modules, dls, Parser, config.profileMs, config.profileBudgetMs);
  if (results.targets.find((t) => t.id === 'cold-start')?.status === 'missed') {
    log('  profiling a cold start (node --cpu-prof)');
    results.coldProfile = await profileColdStart(ROOT, outDir);
  }
}
results.elapsedS = (performance.now() - started) / 1000;

writeFileSync(path.join(outDir, quick ? 'results-quick.json' : 'results.json'), JSON.stringify(results, null, 1));
writeFileSync(outFile, renderReport(results));
log(`wrote ${path.relative(process.cwd(), outFile)} in ${results.elapsedS.toFixed(0)} s`);
