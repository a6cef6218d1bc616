/**
 * Entry point of the integration suite, loaded by VS Code's extension host as
 * `extensionTestsPath` (bundled by esbuild into client/dist/test/suite.js, with `vscode` and
 * `mocha` external). Runners: scripts/vscode/run-tests.mjs (code-server, this machine) and
 * scripts/vscode/run-electron.mjs (@vscode/test-electron, desktop VS Code).
 *
 * The suite is ONE bundle, so test files cannot be found on disk at run time: each one is listed
 * below and `require`d after mocha's tdd globals (`suite`, `test`, `setup`, ...) exist. A static
 * `import` would be hoisted and run before the globals are set. Add new test files to TEST_FILES.
 */
import * as fs from 'node:fs';
import { format } from 'node:util';
import Mocha from 'mocha';
import { disposeScratch, removeCreatedSettingsFolder } from './util';

/** Printed as one line, after mocha's own report, for the runners to read the counts. */
export const RESULT_MARKER = 'DOCKERFILE_STAGES_TEST_RESULT';
/**
 * Starts every line of mocha's report. In code-server the extension host's console reaches the
 * runner mixed with the workbench's own log; the prefix tells the report apart.
 */
export const OUTPUT_PREFIX = '[suite] ';

export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
}

function loadTestFiles(): void {
  // Keep these literal: esbuild bundles a require() only when its argument is a string literal.
  require('./activation.test');
  require('./diagnostics.test');
  require('./features.test');
  require('./edits.test');
  require('./crossFile.test');
  require('./tasks.test');
  require('./lensSettings.test');
  require('./buildUx.test');
  require('./checkAll.test');
  // Last: it kills the language server.
  require('./lifecycle.test');
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: 60_000,
    reporter: 'spec',
    // DOCKERFILE_STAGES_TEST_GREP narrows the run to matching test titles (set it in the runner's env).
    grep: process.env.DOCKERFILE_STAGES_TEST_GREP || undefined,
  });
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    const text = args.length ? format(...args) : '';
    console.log(text.split('\n').map((l) => OUTPUT_PREFIX + l).join('\n'));
  };
  // What `mocha.addFile` + `loadFiles` would do per file: define the tdd globals on globalThis.
  mocha.suite.emit('pre-require', globalThis, 'suite.js', mocha);
  loadTestFiles();
  // What the tests left behind (util.ts), once every suite is done: temp files, test-fixtures/.vscode.
  mocha.suite.afterAll(() => {
    disposeScratch();
    removeCreatedSettingsFolder();
  });
  mocha.suite.emit('require', null, 'suite.js', mocha);
  mocha.suite.emit('post-require', globalThis, 'suite.js', mocha);

  return new Promise((resolve, reject) => {
    const result: SuiteResult = { passed: 0, failed: 0, pending: 0, failures: [] };
    let runner: Mocha.Runner;
    try {
      runner = mocha.run(() => {
        const line = `${RESULT_MARKER} ${JSON.stringify(result)}`;
        console.log(line);
        const out = process.env.DOCKERFILE_STAGES_TEST_RESULT_FILE;
        if (out) {
          try {
            fs.writeFileSync(out, JSON.stringify(result) + '\n');
          } catch (e) {
            console.error(`cannot write ${out}: ${String(e)}`);
          }
        }
        if (result.failed > 0) reject(new Error(`${result.failed} test(s) failed`));
        else if (result.passed === 0) reject(new Error('no test ran'));
        else resolve();
      });
    } catch (e) {
      reject(e);
      return;
    }
    runner.on('pass', () => result.passed++);
    runner.on('pending', () => result.pending++);
    runner.on('fail', (t, err: unknown) => {
      result.failed++;
      result.failures.push({ title: t.fullTitle(), error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    });
  });
}
