#!/usr/bin/env node
// Opens a Dockerfile of test-fixtures/ in a real VS Code workbench (code-server + headless
// Chromium) with the extension loaded for development, and saves screenshots to
// test-output/screenshots/. The base for UI checks of later features (squiggles, CodeLens, hover).
// Builds nothing: run `node esbuild.mjs` first.
//
// Usage: node scripts/vscode/ui-smoke.mjs [--file test-fixtures/NAME] [--out DIR] [--timeout SEC] [--verbose] [--keep]
// Prints `N passed, N failed` (its checks) alone on the last line; exits 0 only if all passed.
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { format } from 'node:util';
import {
  ensureInstalled,
  isInstalled,
  killGroupSync,
  launchBrowser,
  log,
  makeSandbox,
  openWorkbench,
  remoteUri,
  ROOT,
  startCodeServer,
  stopGroup,
  workbenchUrl,
} from './lib.mjs';

const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
const workspace = resolve(arg('--workspace', join(ROOT, 'test-fixtures')));
const file = resolve(arg('--file', join(workspace, 'go-service.Dockerfile')));
const outDir = resolve(arg('--out', join(ROOT, 'test-output', 'screenshots')));
const timeoutSec = Number(arg('--timeout', '180'));
const verbose = argv.includes('--verbose');
const keep = argv.includes('--keep');

const checks = [];
function check(name, ok, detail = '') {
  checks.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}
function closing(code) {
  const failed = checks.filter((c) => !c.ok).length || (code === 0 ? 0 : 1);
  console.log(`${checks.filter((c) => c.ok).length} passed, ${failed} failed`);
  process.exit(code);
}

if (!existsSync(file)) {
  console.error(`[vscode] no such file: ${file}`);
  closing(1);
}
if (!existsSync(join(ROOT, 'client', 'dist', 'extension.js'))) console.error('[vscode] warning: client/dist/extension.js missing (run `node esbuild.mjs`)');
if (!isInstalled()) {
  try {
    await ensureInstalled();
  } catch (e) {
    console.error(`[vscode] install failed: ${e.message}`);
    closing(1);
  }
}

const sandbox = makeSandbox();
let server;
let browser;
let done = false;
async function cleanup() {
  try {
    await browser?.close();
  } catch {}
  await stopGroup(server?.child);
  if (keep) log(`kept ${sandbox.dir}`);
  else sandbox.dispose();
}
process.on('exit', () => killGroupSync(server?.child));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    if (done) return;
    done = true;
    console.error(`[vscode] ${sig}: stopping`);
    await cleanup();
    closing(130);
  });
}
setTimeout(async () => {
  if (done) return;
  done = true;
  console.error(`[vscode] global timeout of ${timeoutSec} s reached: stopping`);
  await cleanup();
  closing(1);
}, timeoutSec * 1000).unref();

async function shot(page, name) {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `${name}.png`);
  await page.screenshot({ path });
  log(`screenshot ${relative(ROOT, path)}`);
  return path;
}

let code = 1;
try {
  const t0 = Date.now();
  server = await startCodeServer({ sandbox, folder: workspace, quiet: !verbose });
  browser = await launchBrowser(sandbox);
  const page = browser.pages()[0] ?? (await browser.newPage());
  const extLog = [];
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    const text = Array.isArray(message) ? format(...message) : String(message);
    extLog.push(text);
    if (verbose) console.log(`[${level}] ${text}`);
  });
  await page.exposeFunction('codeAutomationExit', () => {});
  const authority = new URL(server.url).host;
  const url = workbenchUrl(server.url, {
    folder: workspace,
    extensionPath: ROOT,
    extra: [['openFile', remoteUri(file, authority)]],
  });
  log(`open ${url}`);
  await openWorkbench(page, url);
  check('workbench restored', true, `${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // The file is open in an editor tab and its text is rendered.
  const tab = page.locator('.tabs-container .tab', { hasText: basename(file) });
  await tab.first().waitFor({ timeout: 30_000 });
  check(`editor tab ${basename(file)}`, (await tab.count()) > 0);
  await page.locator('.monaco-editor .view-lines .view-line').first().waitFor({ timeout: 30_000 });
  const firstLines = (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\s+/g, ' ');
  check('editor shows the Dockerfile text', /\bFROM\b/i.test(firstLines), firstLines.slice(0, 60));

  // The status bar's language mode comes from the language association.
  const mode = page.locator('#status\\.editor\\.mode');
  await mode.waitFor({ timeout: 30_000 });
  const modeText = (await mode.innerText()).trim();
  check('language mode is Docker(file)', /docker/i.test(modeText), modeText);

  await shot(page, 'workbench-dockerfile');
  code = checks.every((c) => c.ok) ? 0 : 1;
} catch (e) {
  console.error(`[vscode] ${e.stack ?? e.message}`);
  check('ui smoke', false, e.message.split('\n')[0]);
  try {
    const page = browser?.pages()[0];
    if (page) await shot(page, 'failure');
  } catch {}
  if (server) console.error(`[vscode] last code-server output:\n${server.output().slice(-2000)}`);
}
if (!done) {
  done = true;
  await cleanup();
  closing(code);
}
