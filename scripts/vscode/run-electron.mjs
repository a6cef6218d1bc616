#!/usr/bin/env node
// The same integration suite in desktop VS Code through @vscode/test-electron, for machines with
// internet (it downloads VS Code into .vscode-test/). Not usable on the project's own machines,
// which reach only the npm registry and Debian: use scripts/vscode/run-tests.mjs there.
// Builds nothing: run `node esbuild.mjs` first. On Linux without a display, run it under
// `xvfb-run -a` (Debian package xvfb).
//
// Usage: node scripts/vscode/run-electron.mjs [--vscode-version stable|insiders|1.91.0] [--grep TEXT]
//          [--vscode-executable PATH]   an installed VS Code instead of a download (or $VSCODE_EXECUTABLE_PATH)
// Prints `N passed, N failed` alone on the last line; exits 0 only if all passed and >= 1 ran.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
// Keep in step with client/src/test/suite/index.ts.
const OUTPUT_PREFIX = '[suite] ';
const RESULT_MARKER = 'DOCKERFILE_STAGES_TEST_RESULT';

const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
// Default: the oldest VS Code package.json's engines.vscode allows (^1.91.0).
const version = arg('--vscode-version', process.env.VSCODE_TEST_VERSION || '1.91.0');
const grep = arg('--grep', undefined);
const vscodeExecutablePath = arg('--vscode-executable', process.env.VSCODE_EXECUTABLE_PATH || undefined);
const workspace = join(ROOT, 'test-fixtures');
const suite = join(ROOT, 'client', 'dist', 'test', 'suite.js');

function closing(passed, failed, code) {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code);
}

if (!existsSync(suite)) {
  console.error(`missing ${suite}: run \`node esbuild.mjs\` first`);
  closing(0, 0, 1);
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('warning: no DISPLAY; VS Code needs one on Linux (xvfb-run -a node scripts/vscode/run-electron.mjs)');
}

/** mocha's report arrives on VS Code's stdout with OUTPUT_PREFIX on each line: strip it. */
function stripper(target) {
  let rest = '';
  return new Writable({
    write(chunk, _enc, cb) {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) if (!l.startsWith(RESULT_MARKER)) target.write(`${l.startsWith(OUTPUT_PREFIX) ? l.slice(OUTPUT_PREFIX.length) : l}\n`);
      cb();
    },
    final(cb) {
      if (rest) target.write(`${rest}\n`);
      cb();
    },
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'dockerfile-stages-electron-'));
const resultFile = join(scratch, 'result.json');
let code = 1;
try {
  code = await runTests({
    ...(vscodeExecutablePath ? { vscodeExecutablePath } : { version }),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: suite,
    extensionTestsEnv: {
      DOCKERFILE_STAGES_TEST_RESULT_FILE: resultFile,
      ...(grep ? { DOCKERFILE_STAGES_TEST_GREP: grep } : {}),
    },
    launchArgs: [
      workspace,
      '--user-data-dir', join(scratch, 'user-data'),
      '--extensions-dir', join(scratch, 'extensions'),
      '--disable-extensions', // other installed extensions; built-in ones and the one under test stay
      '--disable-gpu',
      '--disable-telemetry',
      // runTests adds --no-sandbox, --disable-updates, --skip-welcome, --skip-release-notes, --disable-workspace-trust.
    ],
    stdout: stripper(process.stdout),
    stderr: process.stderr,
  });
} catch (e) {
  // runTests rejects with TestRunFailedError when VS Code exits non-zero (a failing test).
  console.error(`VS Code test run failed: ${e.message}`);
  code = typeof e.code === 'number' ? e.code || 1 : 1;
}
let passed = 0;
let failed = 0;
if (existsSync(resultFile)) {
  const r = JSON.parse(readFileSync(resultFile, 'utf8'));
  passed = r.passed;
  failed = r.failed;
} else {
  console.error('the suite wrote no result (did it load?)');
  failed = 1;
}
rmSync(scratch, { recursive: true, force: true });
closing(passed, failed, code === 0 && failed === 0 && passed > 0 ? 0 : 1);
