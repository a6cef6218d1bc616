#!/usr/bin/env node
// Drives a real VS Code workbench (code-server + headless Chromium, Playwright) with the extension
// loaded for development, as a user would, checks what each step shows and saves screenshots to
// test-output/screenshots/. Every step waits for the element it needs (no sleeps). Three scenes,
// each in its own code-server:
//   fixtures   test-fixtures/: the CodeLens line above each stage, a stage hover, the stage graph
//              (a node per stage; a click on a node inside the webview moves the editor to that
//              stage's FROM; an edit adds a node), a diagnostic squiggle and its hover.
//   no-engine  no docker, podman, nerdctl or buildah on PATH: the lens says so; a click shows our
//              message with its buttons ("Set engine…" opens the setting); no task is left running.
//   podman     docker missing but podman on PATH (skipped when podman is not installed): the message
//              offers "Use podman"; a click on it sets the engine and the build lenses come back.
//   sizes      a private dockerd (test/docker/harness.ts: busybox base image made locally, no
//              network): a click on "▶ Build stage" and "▶ Build image" builds; the lenses, the stage
//              hover and the Stage Sizes view then show the sizes; Compare Stage Sizes reports both.
//              Skipped outside CI when dockerd cannot run here (not root, not installed).
// Builds nothing: run `node esbuild.mjs` first.
//
// Usage: node scripts/vscode/ui-smoke.mjs [--scenes fixtures,no-engine,podman,sizes] [--file test-fixtures/NAME]
//          [--mistake test-fixtures/NAME] [--out DIR] [--timeout SEC] [--verbose] [--keep] [--update-images]
//   --file     the multi-stage Dockerfile for the lens, hover and graph checks (default go-service.Dockerfile)
//   --mistake  the Dockerfile with a typo for the squiggle check (default mistakes/unknown-stage-typo.Dockerfile)
//   --update-images  when every check passed, copy the README's screenshots into images/
// Screenshots: workbench-dockerfile, codelens, hover, stage-graph, diagnostic-hover, no-engine,
// use-podman, stage-sizes (.png), and failure-<scene>.png when a scene fails.
// Prints `N passed, N failed` (its checks) alone on the last line; exits 0 only if all passed.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { format } from 'node:util';
import {
  ensureInstalled,
  isInstalled,
  killGroupSync,
  launchBrowser,
  log,
  makeSandbox,
  NODE_DIR,
  openWorkbench,
  remoteUri,
  ROOT,
  startCodeServer,
  stopGroup,
  workbenchUrl,
} from './lib.mjs';
import {
  ACTIVE_EDITOR,
  clickLens,
  cursorLine,
  editorClip,
  goToLine,
  graphFrame,
  hoverWord,
  lens,
  lensTexts,
  paletteCommand,
  quickOpen,
  STEP_MS,
  notification,
  until,
} from './ui-driver.mjs';

const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
const workspace = resolve(arg('--workspace', join(ROOT, 'test-fixtures')));
const file = resolve(arg('--file', join(workspace, 'go-service.Dockerfile')));
const mistake = resolve(arg('--mistake', join(workspace, 'mistakes', 'unknown-stage-typo.Dockerfile')));
const outDir = resolve(arg('--out', join(ROOT, 'test-output', 'screenshots')));
const timeoutSec = Number(arg('--timeout', '900'));
const scenes = arg('--scenes', 'fixtures,no-engine,podman,sizes').split(',').map((s) => s.trim()).filter(Boolean);
const verbose = argv.includes('--verbose');
const keep = argv.includes('--keep');
const updateImages = argv.includes('--update-images');
/** The screenshots the README shows (copied to images/ by --update-images). */
const README_SHOTS = ['codelens', 'hover', 'diagnostic-hover', 'stage-graph', 'no-engine', 'stage-sizes'];
const ENGINES = ['docker', 'podman', 'nerdctl', 'buildah'];
/** Cleaner screenshots: no minimap or sticky-scroll header over the text. */
const SHOT_SETTINGS = { 'editor.minimap.enabled': false, 'editor.stickyScroll.enabled': false };
/**
 * Typing in the editor: no suggestion widget that a space or Enter could accept, and no auto save
 * (code-server saves after a delay by default: the typed line would land in test-fixtures/).
 */
const TYPING_SETTINGS = { 'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' }, 'editor.suggestOnTriggerCharacters': false, 'files.autoSave': 'off' };

const checks = [];
function check(name, ok, detail = '') {
  checks.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
  return ok;
}
/** A check that must hold for the scene to go on. */
function must(name, ok, detail = '') {
  if (!check(name, ok, detail)) throw new Error(`${name}${detail ? ` (${detail})` : ''}`);
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
const unknown = scenes.filter((s) => !['fixtures', 'no-engine', 'podman', 'sizes'].includes(s));
if (unknown.length) {
  console.error(`[vscode] unknown scene(s): ${unknown.join(', ')}`);
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

// ---- Sessions: one code-server + browser per scene; all of them stopped on exit, signal, timeout ----

const sessions = new Set();
/** Things a scene made (temp dirs, the private dockerd) to undo when it ends or the run is stopped. */
const undo = [];
let done = false;

async function cleanup() {
  for (const s of [...sessions]) await closeSession(s);
  while (undo.length) {
    try {
      await undo.pop()();
    } catch (e) {
      console.error(`[vscode] cleanup: ${e.message}`);
    }
  }
}
process.on('exit', () => {
  for (const s of sessions) killGroupSync(s.server?.child);
});
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

/** Starts code-server on `folder` with `open` in an editor, opens the workbench; resolves once it is restored. */
async function openSession({ folder, open, env = {}, settings = {}, viewport }) {
  const session = { sandbox: makeSandbox() };
  sessions.add(session);
  const t0 = Date.now();
  session.server = await startCodeServer({ sandbox: session.sandbox, folder, env, quiet: !verbose, settings: { ...SHOT_SETTINGS, ...settings } });
  session.browser = await launchBrowser(session.sandbox, viewport ? { viewport } : {});
  const page = session.browser.pages()[0] ?? (await session.browser.newPage());
  session.page = page;
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    if (verbose) console.log(`[${level}] ${Array.isArray(message) ? format(...message) : String(message)}`);
  });
  await page.exposeFunction('codeAutomationExit', () => {});
  const authority = new URL(session.server.url).host;
  const url = workbenchUrl(session.server.url, { folder, extensionPath: ROOT, extra: [['openFile', remoteUri(open, authority)]] });
  if (verbose) log(`open ${url}`);
  await openWorkbench(page, url);
  check('workbench restored', true, `${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // The file is open in an editor tab and its text is rendered.
  await page.locator('.tabs-container .tab', { hasText: basename(open) }).first().waitFor({ timeout: STEP_MS });
  await page.locator('.monaco-editor .view-lines .view-line').first().waitFor({ timeout: STEP_MS });
  return session;
}

async function closeSession(session) {
  sessions.delete(session);
  try {
    await session.browser?.close();
  } catch {}
  await stopGroup(session.server?.child);
  if (keep) log(`kept ${session.sandbox.dir}`);
  else session.sandbox.dispose();
}

async function shot(page, name, clip) {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `${name}.png`);
  await page.screenshot({ path, ...(clip ? { clip } : {}) });
  log(`screenshot ${relative(ROOT, path)}`);
  return path;
}

async function hideSideBar(page) {
  if (await page.locator('.part.sidebar').isVisible()) {
    await page.keyboard.press('Control+b');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: STEP_MS });
  }
}

/** Waits until the status bar's language mode is Docker(file): the extension's language association is in. */
async function languageMode(page) {
  const mode = page.locator('#status\\.editor\\.mode');
  await mode.waitFor({ timeout: STEP_MS });
  await mode.filter({ hasText: /docker/i }).waitFor({ timeout: STEP_MS }).catch(() => undefined);
  return (await mode.innerText()).trim();
}

/**
 * Whether Tasks: Terminate Task finds nothing to terminate: its picker then holds the one row "No task
 * is currently running" (VS Code's own words); with a task running it lists the tasks instead.
 */
async function noTaskRunning(page) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill('>Tasks: Terminate Task');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Terminate Task' }).first().waitFor({ state: 'visible', timeout: STEP_MS });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget input[placeholder="Select a task to terminate"]').waitFor({ state: 'visible', timeout: STEP_MS });
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: STEP_MS });
  const texts = (await rows.allInnerTexts()).map((t) => t.trim());
  // Enter on the "none" row only closes the picker (Escape may go to the notification centre).
  if (texts.length === 1) await page.keyboard.press('Enter');
  else await page.keyboard.press('Escape');
  await input.waitFor({ state: 'hidden', timeout: STEP_MS });
  return { none: texts.length === 1 && texts[0] === 'No task is currently running', texts };
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fromLine = (lines, stage) => lines.findIndex((l) => new RegExp(`^\\s*FROM\\s.*\\sAS\\s+${escapeRe(stage)}\\s*$`, 'i').test(l)) + 1;

// ---- Scene: test-fixtures (lenses, hover, graph, squiggle) ----

async function sceneFixtures() {
  const { page } = await openSession({ folder: workspace, open: file, settings: TYPING_SETTINGS });
  const firstLines = (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\s+/g, ' ');
  check('editor shows the Dockerfile text', /\bFROM\b/i.test(firstLines), firstLines.slice(0, 60));
  // It reads "Plain Text" until the extension host has registered the extension's language association.
  const modeText = await languageMode(page);
  check('language mode is Docker(file)', /docker/i.test(modeText), modeText);
  await shot(page, 'workbench-dockerfile');
  // The side bar off, so the editor gets the width (and the README shots show only the editor).
  await hideSideBar(page);

  // CodeLens: the build lens above each named stage comes from the language server.
  const buildLens = lens(page, 'Build stage');
  await buildLens.waitFor({ state: 'visible', timeout: STEP_MS });
  const lensText = (await buildLens.innerText()).replace(/\s+/g, ' ').trim();
  check('CodeLens "▶ Build stage …" renders above a stage', /▶ Build stage '[^']+'/.test(lensText), lensText);
  const lensCount = await page.locator(`${ACTIVE_EDITOR} .codelens-decoration`).count();
  check('a lens line per stage in view', lensCount >= 2, `${lensCount} lens lines`);
  await shot(page, 'codelens', await editorClip(page, { untilText: 'COPY --from=' }));

  // Hover on a `COPY --from=<stage>` reference: the stage with its base chain.
  const original = readFileSync(file, 'utf8');
  const text = original.split(/\r?\n/);
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
  await page.keyboard.press('Control+Home');
  await paletteCommand(page, 'Dockerfile Stages: Show Stage Graph');
  const stagesInFile = text.filter((l) => /^\s*FROM\s/i.test(l)).length;
  let graph = await graphFrame(page);
  const graphNodes = await graph.locator('.node').count();
  check('the stage graph draws a node per stage', graphNodes === stagesInFile, `${graphNodes} nodes, ${stagesInFile} stages`);
  await shot(page, 'stage-graph');

  // A real click on a node inside the webview's frame: the editor's cursor goes to that stage's FROM.
  const wanted = fromLine(text, stage);
  must(`${basename(file)} has 'FROM … AS ${stage}'`, wanted > 1);
  const atStart = await until('the cursor on line 1', async () => (await cursorLine(page)) === 1).catch(() => false);
  must('the cursor starts on line 1', atStart, `Ln ${await cursorLine(page)}`);
  await graph.locator(`.node[data-stage="${stage}"]`).click();
  const moved = await until(`the cursor on line ${wanted}`, async () => ((await cursorLine(page)) === wanted ? wanted : undefined)).catch(() => undefined);
  check(`a click on the graph's '${stage}' node moves the editor's cursor to its FROM (line ${wanted})`, moved === wanted, `Ln ${await cursorLine(page)}`);
  const fromShown = await page.locator(`${ACTIVE_EDITOR} .view-line`, { hasText: new RegExp(`AS\\s${escapeRe(stage)}$`) }).first().isVisible();
  check(`the FROM line of '${stage}' is in view`, fromShown);

  // Typing a new stage at the end of the file: the graph redraws with one more node.
  await page.locator(`${ACTIVE_EDITOR}.focused`).waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(`FROM ${stage} AS extra`);
  await page.keyboard.press('Escape');
  // (The graph may redraw while the line is half typed: wait for the finished name.)
  const extraNode = graph.locator('.node[data-stage="extra"]');
  const redrawn = await extraNode.waitFor({ state: 'attached', timeout: STEP_MS }).then(() => true, () => false);
  const nodesNow = await graph.locator('.node').count();
  check('after typing a FROM line, the graph redraws with the new stage', redrawn && nodesNow === stagesInFile + 1, `${nodesNow} nodes`);
  // Back to the file on disk (nothing is saved into test-fixtures/).
  await paletteCommand(page, 'File: Revert File');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: STEP_MS });
  const gone = await extraNode.waitFor({ state: 'detached', timeout: STEP_MS }).then(() => true, () => false);
  check(`${basename(file)} on disk is unchanged (the edit was never saved)`, readFileSync(file, 'utf8') === original);
  check('after the revert, the graph is back to a node per stage', gone && (await graph.locator('.node').count()) === stagesInFile, `${await graph.locator('.node').count()} nodes`);
  await page.keyboard.press('Control+w');

  // A squiggle under the mistyped stage name, and the problem in its hover.
  await quickOpen(page, workspace, mistake);
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
}

// ---- Scene: no container engine on PATH ----

/** A PATH directory holding links to every program of PATH except the container engines (but `keep`). */
function pathWithoutEngines(dir, keep = []) {
  const seen = new Set(ENGINES.filter((e) => !keep.includes(e)));
  for (const from of [join(NODE_DIR, 'bin'), ...(process.env.PATH ?? '').split(':')]) {
    let names;
    try {
      names = readdirSync(from);
    } catch {
      continue;
    }
    for (const name of names) {
      if (seen.has(name)) continue;
      seen.add(name);
      symlinkSync(join(from, name), join(dir, name));
    }
  }
  return dir;
}

// The extension host's environment is this PATH only when VS Code does not resolve the login
// shell's (which would put /usr/bin back): VSCODE_CLI=1 makes it skip that, as when started by `code`.
async function sceneNoEngine() {
  const bin = mkdtempSync(join(tmpdir(), 'dockerfile-stages-path-'));
  undo.push(() => rmSync(bin, { recursive: true, force: true }));
  const { page } = await openSession({ folder: workspace, open: file, env: { PATH: pathWithoutEngines(bin), VSCODE_CLI: '1' }, viewport: { width: 1100, height: 620 } });
  await languageMode(page);
  await hideSideBar(page);

  const warning = lens(page, 'No container engine');
  await warning.waitFor({ state: 'visible', timeout: STEP_MS });
  const texts = await lensTexts(page);
  check('with no engine on PATH, the lens says so instead of "▶ Build stage"', texts.some((t) => t === "⚠ No container engine ('docker' not found): set one up…") && !texts.some((t) => /Build stage|Shell in/.test(t)), texts.slice(0, 3).join(' | '));

  await warning.click();
  const message = await notification(page, 'No container engine');
  const said = (await message.locator('.notification-list-item-message').innerText()).trim();
  check('a click shows our message', /No container engine: 'docker' \(dockerfileStages\.build\.engine\) was not found\. No docker, podman, nerdctl or buildah is on PATH either\./.test(said), said);
  const buttons = (await message.locator('.monaco-button').allInnerTexts()).map((b) => b.trim()).filter(Boolean);
  check('the message offers "Install Docker…" and "Set engine…" (no engine to switch to)', JSON.stringify(buttons) === JSON.stringify(['Install Docker…', 'Set engine…']), buttons.join(', '));
  await shot(page, 'no-engine');

  const tasks = await noTaskRunning(page);
  check('no task is left running (Tasks: Terminate Task says "No task is currently running")', tasks.none, tasks.texts.join(' | '));

  // "Set engine…" opens the setting.
  const again = await notification(page, 'No container engine');
  await again.locator('.monaco-button', { hasText: 'Set engine…' }).click();
  // The search applies after a short debounce: wait for the setting's own title.
  const setting = page.locator('.settings-editor .setting-item-contents .setting-item-title', { hasText: /Build:? ?Engine/ }).first();
  const settingShown = await setting.waitFor({ state: 'visible', timeout: STEP_MS }).then(() => true, () => false);
  const settingTitle = settingShown ? (await setting.innerText()).replace(/\s+/g, ' ').trim() : '';
  if (!check('"Set engine…" opens the Settings editor on dockerfileStages.build.engine', /Dockerfile Stages.*Build:? ?Engine/.test(settingTitle), settingTitle)) await shot(page, 'failure-set-engine');
}

// ---- Scene: no docker, but podman on PATH ----

async function scenePodman() {
  const podman = (process.env.PATH ?? '').split(':').map((d) => join(d, 'podman')).find((f) => existsSync(f));
  if (!podman) {
    log('podman scene skipped: podman is not on PATH (apt-get install podman)');
    return;
  }
  const root = mkdtempSync(join(tmpdir(), 'dockerfile-stages-podman-'));
  undo.push(() => rmSync(root, { recursive: true, force: true }));
  // A copy of the fixture in its own folder: "Use podman" writes the workspace settings.
  const folder = join(root, 'service');
  const bin = join(root, 'bin');
  mkdirSync(folder);
  mkdirSync(bin);
  const dockerfile = join(folder, 'Dockerfile');
  copyFileSync(file, dockerfile);
  writeFileSync(join(folder, '.dockerignore'), '.git\n');
  const { page } = await openSession({ folder, open: dockerfile, env: { PATH: pathWithoutEngines(bin, ['podman']), VSCODE_CLI: '1' } });
  await languageMode(page);
  await hideSideBar(page);
  const warning = lens(page, 'No container engine');
  await warning.waitFor({ state: 'visible', timeout: STEP_MS });
  await warning.click();
  const message = await notification(page, 'No container engine');
  const said = (await message.locator('.notification-list-item-message').innerText()).trim();
  check('docker missing, podman on PATH: the message names podman', /'docker' \(dockerfileStages\.build\.engine\) was not found\. Found on PATH: podman\./.test(said), said);
  const buttons = (await message.locator('.monaco-button').allInnerTexts()).map((b) => b.trim()).filter(Boolean);
  check('the message offers "Use podman" first', JSON.stringify(buttons) === JSON.stringify(['Use podman', 'Install Docker…', 'Set engine…']), buttons.join(', '));
  await shot(page, 'use-podman');
  await message.locator('.monaco-button', { hasText: 'Use podman' }).click();
  const back = await lens(page, /^▶ Build stage '/).waitFor({ state: 'visible', timeout: STEP_MS }).then(() => true, () => false);
  const settings = existsSync(join(folder, '.vscode', 'settings.json')) ? readFileSync(join(folder, '.vscode', 'settings.json'), 'utf8') : '';
  check('after "Use podman" the build lenses are back and the workspace engine is podman', back && /"dockerfileStages\.build\.engine":\s*"podman"/.test(settings), (await lensTexts(page)).slice(0, 2).join(' | '));
}

// ---- Scene: a real engine (private dockerd), sizes after builds ----

/** The Dockerfile the sizes scene builds: a fat builder and a small runtime made from it (no network). */
function sizesDockerfile(base) {
  return [
    '# The builder carries a 3 MB "toolchain"; the runtime only the program.',
    `FROM ${base} AS build`,
    'WORKDIR /src',
    'RUN dd if=/dev/zero of=toolchain.bin bs=1024 count=3000 2>/dev/null',
    "RUN echo 'echo hello from the runtime stage' > hello.sh",
    '',
    'FROM scratch AS runtime',
    'COPY --from=build /bin/busybox /bin/sh',
    'COPY --from=build /src/hello.sh /hello.sh',
    'ENTRYPOINT ["/bin/sh", "/hello.sh"]',
    '',
  ].join('\n');
}

const SIZE = '[\\d.]+ (?:B|kB|MB|GB)';

async function sceneSizes() {
  const { tsImport } = await import('tsx/esm/api');
  const harness = await tsImport('../../test/docker/harness.ts', import.meta.url);
  const why = harness.engineUnavailableReason();
  if (why && !harness.isCI()) {
    log(`sizes scene skipped: ${why} (set CI=1 to make this a failure)`);
    return;
  }
  const t0 = Date.now();
  const engine = await harness.startEngine();
  undo.push(() => engine.stop());
  log(`private dockerd ${engine.serverVersion} up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const root = mkdtempSync(join(tmpdir(), 'dockerfile-stages-sizes-'));
  undo.push(() => rmSync(root, { recursive: true, force: true }));
  const folder = join(root, 'webapp'); // the image tags are `webapp-<stage>:dev`
  mkdirSync(folder);
  const dockerfile = join(folder, 'Dockerfile');
  writeFileSync(dockerfile, sizesDockerfile(harness.BASE));
  writeFileSync(join(folder, '.dockerignore'), '.git\n');
  // The harness's docker client (20.10, BuildKit without buildx) and no network for builds. In the
  // workspace settings: build.engine is machine-overridable, which a remote window's user settings cannot set.
  mkdirSync(join(folder, '.vscode'));
  const engineSettings = { 'dockerfileStages.build.engine': harness.DOCKER_CLI, 'dockerfileStages.build.extraFlags': ['--network=none'] };
  writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify(engineSettings, null, 2) + '\n');
  const { page } = await openSession({
    folder,
    open: dockerfile,
    env: engine.env, // DOCKER_HOST of the private dockerd, BuildKit on
    // The hover below its line, so the sized lenses above stay in the picture.
    settings: { 'editor.hover.above': false },
    viewport: { width: 1200, height: 700 },
  });
  await languageMode(page);

  // Build both stages the way a user does: a click on each lens. The lens changes once the task
  // ended and the image was measured.
  const built = {};
  for (const [title, stage] of [["▶ Build stage 'build'", 'build'], ['▶ Build image', 'runtime']]) {
    await clickLens(page, title);
    const sized = lens(page, new RegExp(`^${escapeRe(title)} · ${SIZE}$`));
    await sized.waitFor({ state: 'visible', timeout: 240_000 });
    built[stage] = (await sized.innerText()).trim().split(' · ')[1];
    check(`after a click on "${title}", the lens shows the size`, !!built[stage], `${title} · ${built[stage]}`);
  }
  const mb = (s) => Number(s.split(' ')[0]) * { B: 1e-6, kB: 1e-3, MB: 1, GB: 1e3 }[s.split(' ')[1]];
  check('the builder (with its 3 MB toolchain) is bigger than the runtime', mb(built.build) > mb(built.runtime) + 2.5, `${built.build} vs ${built.runtime}`);
  const images = await engine.docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}']);
  check('the engine holds both images the lenses built', /webapp-build:dev/.test(images.stdout) && /webapp-runtime:dev/.test(images.stdout), images.stdout.trim().split('\n').join(', '));

  // Compare Stage Sizes: builds the target and the stage it copies from, reports both.
  await paletteCommand(page, 'Dockerfile Stages: Compare Stage Sizes');
  const report = await notification(page, '→', 240_000);
  const reportText = (await report.locator('.notification-list-item-message').innerText()).trim();
  check('Compare Stage Sizes reports both sizes', reportText === `Dockerfile Stages: build ${built.build} → runtime ${built.runtime}`, reportText);
  await paletteCommand(page, 'View: Hide Panel');

  // The Stage Sizes view: both stages with their sizes; the builder's layers mapped to their lines.
  const header = page.locator('.pane-header', { hasText: 'Stage Sizes' }).first();
  await header.waitFor({ state: 'visible', timeout: STEP_MS });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  // The folder's file tree collapsed, so that the view shows both stages and the builder's layers whole.
  const folders = page.locator('.pane-header', { hasText: 'webapp' }).first();
  if ((await folders.getAttribute('aria-expanded').catch(() => null)) === 'true') await folders.click();
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Stage Sizes' }) }).first();
  const row = (text) => pane.locator('.monaco-list-row', { hasText: text }).first();
  for (const stage of ['build', 'runtime']) {
    const r = row(new RegExp(`^\\s*${stage}\\s*${escapeRe(built[stage])} · \\d+ layers`));
    check(`the Stage Sizes view lists '${stage}' with ${built[stage]}`, await r.waitFor({ state: 'visible', timeout: STEP_MS }).then(() => true, () => false));
  }
  await row(/^\s*build\s*[\d.]+ /).click();
  const layer = row(/line 4: RUN .*dd if=/);
  const layerShown = await layer.waitFor({ state: 'visible', timeout: STEP_MS }).then(() => true, () => false);
  check("the builder's 3 MB layer is mapped to line 4 (RUN dd …)", layerShown && /^\s*3(\.\d)? MB/.test(await layer.innerText()), layerShown ? (await layer.innerText()).replace(/\s+/g, ' ') : 'no row');

  // The stage hover on a reference to the builder shows its size.
  const hover = await hoverWord(page, '--from=build /src', 'build', 'Image size');
  check("the stage hover shows the builder's size", new RegExp(`Image size: ${escapeRe(built.build)} · \\d+ layers`).test(hover), hover.slice(0, 120));
  check('the size report is still shown beside them', await report.isVisible());
  await shot(page, 'stage-sizes');
}

// ---- Run ----

const SCENES = { fixtures: sceneFixtures, 'no-engine': sceneNoEngine, podman: scenePodman, sizes: sceneSizes };
let code = 0;
for (const name of scenes) {
  if (done) break;
  log(`scene ${name}`);
  try {
    await SCENES[name]();
  } catch (e) {
    code = 1;
    console.error(`[vscode] ${e.stack ?? e.message}`);
    check(`scene ${name}`, false, e.message.split('\n')[0]);
    const session = [...sessions].pop();
    try {
      if (session?.page) await shot(session.page, `failure-${name}`);
    } catch {}
    if (session?.server) console.error(`[vscode] last code-server output:\n${session.server.output().slice(-2000)}`);
  }
  await cleanup();
}
if (checks.some((c) => !c.ok)) code = 1;
if (code === 0 && updateImages) {
  for (const name of README_SHOTS) {
    const from = join(outDir, `${name}.png`);
    if (existsSync(from)) {
      copyFileSync(from, join(ROOT, 'images', `${name}.png`));
      log(`images/${name}.png updated`);
    }
  }
}
if (!done) {
  done = true;
  closing(code);
}
