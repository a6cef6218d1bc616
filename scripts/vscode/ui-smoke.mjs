#!/usr/bin/env node
// Opens Dockerfiles of test-fixtures/ in a real VS Code workbench (code-server + headless Chromium)
// with the extension loaded for development, checks that what the extension contributes renders —
// the CodeLens line above each stage, a stage hover, a diagnostic squiggle and its hover — and saves
// screenshots to test-output/screenshots/. Every step waits for the element it needs (no sleeps).
// Builds nothing: run `node esbuild.mjs` first.
//
// Usage: node scripts/vscode/ui-smoke.mjs [--file test-fixtures/NAME] [--mistake test-fixtures/NAME]
//                                         [--out DIR] [--timeout SEC] [--verbose] [--keep]
//   --file     the multi-stage Dockerfile for the lens and hover checks (default go-service.Dockerfile)
//   --mistake  the Dockerfile with a typo for the squiggle check (default mistakes/unknown-stage-typo.Dockerfile)
// Screenshots: workbench-dockerfile.png (the file as opened), codelens.png (the lenses), hover.png
// (the hover of a --from reference), diagnostic-hover.png (the squiggle and its hover), failure.png.
// Prints `N passed, N failed` (its checks) alone on the last line; exits 0 only if all passed.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
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
const mistake = resolve(arg('--mistake', join(workspace, 'mistakes', 'unknown-stage-typo.Dockerfile')));
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

for (const f of [file, mistake]) {
  if (!existsSync(f)) {
    console.error(`[vscode] no such file: ${f}`);
    closing(1);
  }
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

async function shot(page, name, clip) {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `${name}.png`);
  await page.screenshot({ path, ...(clip ? { clip } : {}) });
  log(`screenshot ${relative(ROOT, path)}`);
  return path;
}

const STEP_MS = 30_000;
/** The editor of the active editor group (other .monaco-editor instances: panels, inputs). */
const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';

/**
 * The centre of `word` inside the first rendered editor line containing `lineText`, in page
 * coordinates (null while that line is not rendered). Monaco splits a line into token spans and
 * renders spaces as U+00A0, so the offset is mapped back onto the text nodes.
 */
async function wordCentre(page, lineText, word) {
  return page.evaluate(
    ({ selector, lineText, word }) => {
      for (const line of document.querySelectorAll(`${selector} .view-lines .view-line`)) {
        const text = line.textContent.replace(/\u00a0/g, ' ');
        const at = text.indexOf(lineText);
        if (at < 0) continue;
        const start = at + lineText.indexOf(word);
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let offset = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent.length;
          if (start < offset + length) {
            const range = document.createRange();
            range.setStart(node, start - offset);
            range.setEnd(node, Math.min(length, start - offset + word.length));
            const r = range.getBoundingClientRect();
            return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
          }
          offset += length;
        }
      }
      return null;
    },
    { selector: ACTIVE_EDITOR, lineText, word },
  );
}

/** Puts the cursor on a 1-based line with Go to Line (Ctrl+G), which also scrolls it into view. */
async function goToLine(page, line) {
  await page.locator(ACTIVE_EDITOR).first().click({ position: { x: 200, y: 10 } });
  await page.keyboard.press('Control+g');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: STEP_MS });
}

/**
 * Moves the mouse onto `word` of the line containing `lineText` and waits for a hover showing
 * `expected`. The word's position is measured again on each attempt (lenses arriving late shift the
 * lines), and the mouse leaves and comes back, as a user would, until the deadline.
 */
async function hoverWord(page, lineText, word, expected) {
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: expected });
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    const centre = await wordCentre(page, lineText, word);
    if (centre) {
      await page.mouse.move(centre.x, centre.y + 40);
      await page.mouse.move(centre.x, centre.y, { steps: 4 });
      try {
        await hover.first().waitFor({ state: 'visible', timeout: 4_000 });
        return (await hover.first().innerText()).replace(/\s+/g, ' ').trim();
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`no hover with '${expected}' on '${word}' of '${lineText}': ${e.message.split('\n')[0]}`);
      }
    } else if (Date.now() > deadline) {
      throw new Error(`'${lineText}' is not rendered in the editor`);
    } else {
      await page.waitForTimeout(100); // poll interval while the line renders
    }
  }
}

/**
 * A screenshot region, kept small for the README: the editor area from its top (or `fromY`) down to
 * the last rendered line (or the line containing `untilText`), and right to the end of the longest
 * text, lens or widget shown, each plus a margin; the `also` elements (a hover) are kept whole.
 */
async function editorClip(page, { fromY, untilText, also = [] } = {}) {
  const area = await page.locator('.part.editor').first().boundingBox();
  if (!area) return undefined;
  const extent = await page.evaluate(
    ({ selector, untilText, also }) => {
      const rects = [];
      let until;
      for (const line of document.querySelectorAll(`${selector} .view-lines .view-line`)) {
        const box = line.getBoundingClientRect();
        const spans = line.querySelectorAll('span');
        const last = spans[spans.length - 1];
        rects.push({ bottom: box.bottom, right: last ? last.getBoundingClientRect().right : box.left });
        if (untilText && until === undefined && line.textContent.replace(/\u00a0/g, ' ').includes(untilText)) until = box.bottom;
      }
      for (const sel of [`${selector} .codelens-decoration`, ...also]) {
        for (const e of document.querySelectorAll(sel)) rects.push(e.getBoundingClientRect());
      }
      const kept = also.flatMap((sel) => [...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect().bottom));
      const bottoms = rects.map((r) => r.bottom);
      return {
        bottom: until === undefined ? Math.max(...bottoms) : Math.max(until, ...kept),
        right: Math.max(...rects.map((r) => r.right)),
      };
    },
    { selector: ACTIVE_EDITOR, untilText, also },
  );
  const top = Math.max(area.y, fromY ?? area.y);
  const bottom = Math.min(area.y + area.height, Math.max(extent.bottom, top + 100) + (untilText ? 4 : 16));
  const right = Math.min(area.x + area.width, Math.max(extent.right, area.x + 400) + 32);
  return { x: area.x, y: top, width: Math.round(right - area.x), height: Math.round(bottom - top) };
}

/** Opens a workspace file with Quick Open (Ctrl+P) and waits for its tab to be the active one. */
async function quickOpen(page, absPath) {
  const name = basename(absPath);
  await page.keyboard.press('Control+p');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(relative(workspace, absPath));
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: name });
  await row.first().waitFor({ state: 'visible', timeout: STEP_MS });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: STEP_MS });
}

let code = 1;
try {
  const t0 = Date.now();
  // Cleaner screenshots: no minimap or sticky-scroll header over the text.
  server = await startCodeServer({
    sandbox,
    folder: workspace,
    quiet: !verbose,
    settings: { 'editor.minimap.enabled': false, 'editor.stickyScroll.enabled': false },
  });
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
  // It reads "Plain Text" until the extension host has registered the extension's language
  // association: wait for the change rather than read the first value.
  const mode = page.locator('#status\\.editor\\.mode');
  await mode.waitFor({ timeout: 30_000 });
  await mode.filter({ hasText: /docker/i }).waitFor({ timeout: STEP_MS }).catch(() => undefined);
  const modeText = (await mode.innerText()).trim();
  check('language mode is Docker(file)', /docker/i.test(modeText), modeText);

  await shot(page, 'workbench-dockerfile');

  // The side bar off, so the editor gets the width (and the README shots show only the editor).
  if (await page.locator('.part.sidebar').isVisible()) {
    await page.keyboard.press('Control+b');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: STEP_MS });
  }

  // CodeLens: the build lens above each named stage comes from the language server.
  const lens = page.locator(`${ACTIVE_EDITOR} .codelens-decoration`, { hasText: 'Build stage' });
  await lens.first().waitFor({ state: 'visible', timeout: STEP_MS });
  const lensText = (await lens.first().innerText()).replace(/\s+/g, ' ').trim();
  check('CodeLens "▶ Build stage …" renders above a stage', /▶ Build stage '[^']+'/.test(lensText), lensText);
  const lensCount = await page.locator(`${ACTIVE_EDITOR} .codelens-decoration`).count();
  check('a lens line per stage in view', lensCount >= 2, `${lensCount} lens lines`);
  await shot(page, 'codelens', await editorClip(page, { untilText: 'COPY --from=' }));

  // Hover on a `COPY --from=<stage>` reference: the stage with its base chain.
  const text = readFileSync(file, 'utf8').split(/\r?\n/);
  const copyLine = text.findIndex((l) => /^COPY\s+--from=[A-Za-z]/i.test(l));
  if (copyLine < 0) throw new Error(`${basename(file)} has no COPY --from=<name>`);
  const stage = /--from=([^\s]+)/.exec(text[copyLine])[1];
  await goToLine(page, copyLine + 1);
  const stageHover = await hoverWord(page, `--from=${stage}`, stage, `Stage ${stage}`);
  check(`hover on --from=${stage} shows the stage and its base chain`, stageHover.includes(`Stage ${stage}`) && stageHover.includes('→'), stageHover.slice(0, 80));
  const hoverBox = await page.locator('.monaco-hover:not(.hidden)').first().boundingBox();
  await shot(page, 'hover', await editorClip(page, { fromY: hoverBox ? hoverBox.y - 60 : undefined, also: ['.monaco-hover:not(.hidden)'] }));
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');

  // The stage graph webview beside the editor: one node per stage, drawn by the page's own script.
  await page.keyboard.press('F1');
  const palette = page.locator('.quick-input-widget input');
  await palette.waitFor({ state: 'visible', timeout: STEP_MS });
  await palette.fill('>Dockerfile Stages: Show Stage Graph');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show Stage Graph' }).first().waitFor({ state: 'visible', timeout: STEP_MS });
  await page.keyboard.press('Enter');
  let graphNodes = 0;
  for (const deadline = Date.now() + STEP_MS; Date.now() < deadline && graphNodes === 0; ) {
    for (const frame of page.frames()) graphNodes = Math.max(graphNodes, await frame.locator('.node').count().catch(() => 0));
    if (graphNodes === 0) await page.waitForTimeout(200);
  }
  const stagesInFile = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => /^\s*FROM\s/i.test(l)).length;
  check('the stage graph draws a node per stage', graphNodes === stagesInFile, `${graphNodes} nodes, ${stagesInFile} stages`);
  await shot(page, 'stage-graph');
  await page.keyboard.press('Control+w');

  // A squiggle under the mistyped stage name, and the problem in its hover.
  await quickOpen(page, mistake);
  const squiggle = page.locator(`${ACTIVE_EDITOR} .view-overlays .squiggly-warning, ${ACTIVE_EDITOR} .view-overlays .squiggly-error`);
  await squiggle.first().waitFor({ state: 'attached', timeout: STEP_MS });
  check(`a squiggle renders in ${basename(mistake)}`, (await squiggle.count()) > 0, `${await squiggle.count()} squiggle(s)`);
  const mistakeText = readFileSync(mistake, 'utf8').split(/\r?\n/);
  const typo = mistakeText.map((l) => /--from=([a-z][\w.-]*)/i.exec(l)?.[1]).find(Boolean);
  if (typo) {
    const problem = await hoverWord(page, `--from=${typo}`, typo, 'names no stage');
    check('the squiggle\'s hover shows our rule and its message', /unknown-stage/.test(problem) && /Did you mean/.test(problem), problem.slice(0, 100));
    // The hover lists the quick fix once the code actions for the marker are in.
    const quickFix = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Quick Fix' });
    const offered = await quickFix.first().waitFor({ state: 'visible', timeout: STEP_MS }).then(() => true, () => false);
    check('the squiggle\'s hover offers a Quick Fix', offered);
    await shot(page, 'diagnostic-hover', await editorClip(page, { also: ['.monaco-hover:not(.hidden)'] }));
  }
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
