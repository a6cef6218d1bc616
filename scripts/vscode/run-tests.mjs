#!/usr/bin/env node
// Runs the integration suite (client/dist/test/suite.js) in a REAL VS Code extension host:
// code-server (VS Code 1.139 served to a browser) driven by headless Debian Chromium.
// Builds nothing: run `node esbuild.mjs` first. Installs code-server into .tools/ if needed.
//
// Usage: node scripts/vscode/run-tests.mjs [options]
//   --workspace DIR    folder to open (default: test-fixtures/)
//   --extension DIR    extensionDevelopmentPath (default: the repository root)
//   --suite FILE       extensionTestsPath (default: client/dist/test/suite.js)
//   --grep TEXT        run only tests whose title matches (DOCKERFILE_STAGES_TEST_GREP)
//   --timeout SEC      global time limit (default 300)
//   --verbose          also relay code-server's own log and the browser console
//   --keep             keep the temp dir (user data, logs) for inspection
// Prints `N passed, N failed` alone on the last line; exits 0 only if all passed and >= 1 ran.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import {
  ensureInstalled,
  isInstalled,
  killGroupSync,
  launchBrowser,
  log,
  makeSandbox,
  ROOT,
  startCodeServer,
  stopGroup,
  workbenchUrl,
} from './lib.mjs';

// Keep in step with client/src/test/suite/index.ts.
const RESULT_MARKER = 'DOCKERFILE_STAGES_TEST_RESULT';
const OUTPUT_PREFIX = '[suite] ';

function parseArgs(argv) {
  const opts = {
    workspace: join(ROOT, 'test-fixtures'),
    extension: ROOT,
    suite: join(ROOT, 'client', 'dist', 'test', 'suite.js'),
    grep: undefined,
    timeout: 300,
    verbose: false,
    keep: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--workspace') opts.workspace = resolve(value());
    else if (a === '--extension') opts.extension = resolve(value());
    else if (a === '--suite') opts.suite = resolve(value());
    else if (a === '--grep') opts.grep = value();
    else if (a === '--timeout') opts.timeout = Number(value());
    else if (a === '--verbose') opts.verbose = true;
    else if (a === '--keep') opts.keep = true;
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

function closing(passed, failed, code) {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code);
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(e.message);
  process.exit(2);
}

for (const [what, p] of [
  ['the test suite (run `node esbuild.mjs`)', opts.suite],
  ['the workspace', opts.workspace],
  ['the extension manifest', join(opts.extension, 'package.json')],
]) {
  if (!existsSync(p)) {
    console.error(`[vscode] missing ${what}: ${p}`);
    closing(0, 0, 1);
  }
}
try {
  const main = JSON.parse(readFileSync(join(opts.extension, 'package.json'), 'utf8')).main;
  if (main && !existsSync(join(opts.extension, main)) && !existsSync(join(opts.extension, `${main}.js`))) {
    console.error(`[vscode] warning: the extension's main ${main} does not exist (run \`node esbuild.mjs\`)`);
  }
} catch {}

const t0 = Date.now();
if (!isInstalled()) {
  try {
    await ensureInstalled();
  } catch (e) {
    console.error(`[vscode] install failed: ${e.message}`);
    closing(0, 0, 1);
  }
}

const sandbox = makeSandbox();
const resultFile = join(sandbox.dir, 'result.json');
let server;
let browser;
let finished = false;

async function cleanup() {
  try {
    await browser?.close();
  } catch {}
  await stopGroup(server?.child);
  if (opts.keep) log(`kept ${sandbox.dir}`);
  else sandbox.dispose();
}

process.on('exit', () => killGroupSync(server?.child));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    if (finished) return;
    finished = true;
    console.error(`[vscode] ${sig}: stopping`);
    await cleanup();
    closing(0, 0, 130);
  });
}
const globalTimer = setTimeout(async () => {
  if (finished) return;
  finished = true;
  console.error(`[vscode] global timeout of ${opts.timeout} s reached: stopping`);
  if (server) console.error(`[vscode] last code-server output:\n${server.output().slice(-3000)}`);
  await cleanup();
  closing(0, 0, 1);
}, opts.timeout * 1000);
globalTimer.unref();

/**
 * The workbench's log, which carries the extension host's console: mocha's report (lines that
 * start with OUTPUT_PREFIX, see client/src/test/suite/index.ts) is relayed, and the first line
 * of each error; everything else only with --verbose.
 */
let markerResult = null;
// Errors the workbench logs in every run here, unrelated to the extension (shown with --verbose).
const KNOWN_NOISE = [/Timed out waiting for authentication provider 'github'/];
function relay(level, message) {
  const text = Array.isArray(message) ? format(...message) : String(message);
  for (const line of text.split('\n')) {
    if (line.startsWith(RESULT_MARKER)) {
      try {
        markerResult = JSON.parse(line.slice(RESULT_MARKER.length));
      } catch {}
      if (opts.verbose) process.stdout.write(`${line}\n`);
    } else if (line.startsWith(OUTPUT_PREFIX)) {
      process.stdout.write(`${line.slice(OUTPUT_PREFIX.length)}\n`);
    } else if (opts.verbose) {
      process.stdout.write(`[${level}] ${line}\n`);
    }
  }
  // Errors of the workbench or the extension host: their first line (all of it with --verbose).
  if (!opts.verbose && level === 'error' && !text.startsWith(OUTPUT_PREFIX) && !KNOWN_NOISE.some((re) => re.test(text))) process.stdout.write(`[error] ${text.split('\n')[0]}\n`);
}

async function main() {
  log(`workspace ${opts.workspace}`);
  log(`extension ${opts.extension}`);
  log(`suite     ${opts.suite}`);
  server = await startCodeServer({
    sandbox,
    folder: opts.workspace,
    quiet: !opts.verbose,
    env: {
      DOCKERFILE_STAGES_TEST_RESULT_FILE: resultFile,
      ...(opts.grep ? { DOCKERFILE_STAGES_TEST_GREP: opts.grep } : {}),
    },
  });
  log(`code-server ${server.url} (pid ${server.child.pid}) after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  server.exitPromise.then((e) => {
    if (!finished) console.error(`[vscode] code-server exited (${e.code ?? e.signal})`);
  });

  browser = await launchBrowser(sandbox);
  const page = browser.pages()[0] ?? (await browser.newPage());
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationLog', (level, message) => relay(level, message));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  if (opts.verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => console.error(`[browser error] ${e.message}`));
  page.on('crash', () => resolveExit('the browser page crashed'));

  const url = workbenchUrl(server.url, { folder: opts.workspace, extensionPath: opts.extension, testsPath: opts.suite });
  log(`open ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  const code = await Promise.race([exited, server.exitPromise.then(() => 'code-server exited')]);
  log(`extension host exited with ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return code;
}

let exitCode = 1;
let counts = { passed: 0, failed: 0 };
try {
  const code = await main();
  const r = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : markerResult;
  if (r) {
    counts = { passed: r.passed, failed: r.failed };
    for (const f of r.failures ?? []) console.log(`FAILED: ${f.title}: ${String(f.error).split('\n')[0]}`);
  } else {
    console.error('[vscode] the suite wrote no result (did it load? see the output above; --verbose shows more)');
    counts.failed = Math.max(counts.failed, 1);
  }
  exitCode = code === 0 && counts.failed === 0 && counts.passed > 0 ? 0 : 1;
} catch (e) {
  console.error(`[vscode] ${e.stack ?? e.message}`);
  if (server) console.error(`[vscode] last code-server output:\n${server.output().slice(-3000)}`);
  exitCode = 1;
}
if (!finished) {
  finished = true;
  await cleanup();
  closing(counts.passed, counts.failed, exitCode);
}
