/** Helpers shared by the integration tests (they run inside the extension host). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DockerfileStagesApi } from '../../extension';

/** The extension under test: `${publisher}.${name}` from package.json. */
export const EXTENSION_ID = 'dockerfile-stages.dockerfile-stages';

/** The `source` of the diagnostics our rules publish (server/src/service/diagnostics.ts). */
export const SOURCE = 'dockerfile-stages';

/** Polls `condition` until it is truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string | (() => string), condition: () => T | Promise<T>, timeoutMs = 30_000, everyMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Calls `request` until `accept` takes its answer (a request may fail or answer empty while the
 * server starts or re-analyses); returns the accepted answer or fails with the last one seen.
 */
export async function settle<T>(what: string, request: () => Thenable<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  let last: { value?: T; error?: unknown } = {};
  try {
    const found = await waitFor(
      what,
      async () => {
        try {
          last = { value: await request() };
          return accept(last.value as T) ? { value: last.value as T } : undefined;
        } catch (error) {
          last = { error };
          return undefined;
        }
      },
      timeoutMs,
      100,
    );
    return found.value;
  } catch (e) {
    const seen = 'error' in last ? `error ${String(last.error)}` : JSON.stringify(last.value);
    throw new Error(`${(e as Error).message}; last answer: ${seen}`);
  }
}

/** The test workspace (test-fixtures/), as opened by the runner. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open: the runner must open test-fixtures/');
  return folder;
}

/** A file of the test workspace, by its path relative to test-fixtures/. */
export function fixtureUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...relative.split('/'));
}

export function readFixture(relative: string): string {
  return fs.readFileSync(fixtureUri(relative).fsPath, 'utf8');
}

/**
 * Texts and expectations this suite and the unit tests (server/test, whose helpers.ts describes the
 * fields) both check: test-fixtures/shared-cases.json, read by both so that they cannot drift.
 */
type SharedCases = { texts: Record<string, string[]>; codeLensTitles: string[]; goServiceLensTitles: string[]; mistakes: Record<string, string[]> };

export function sharedCases(): SharedCases {
  return JSON.parse(readFixture('shared-cases.json')) as SharedCases;
}

/** A text of shared-cases.json, lines joined. */
export const sharedText = (name: 'references' | 'rename' | 'renamedToCompile' | 'outline' | 'folding' | 'hover' | 'codeLens'): string => sharedCases().texts[name].join('\n');

/** A fresh directory outside the repository for files a test creates (removed by the returned disposer). */
export function tempDir(prefix = 'dockerfile-stages-test-'): { dir: string; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function openFile(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The extension's API once its language server runs. */
export async function extensionApi(): Promise<DockerfileStagesApi> {
  const ext = vscode.extensions.getExtension<DockerfileStagesApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  await api.ready;
  return api;
}

// ---- Diagnostics ----

/**
 * Every diagnostics change seen in this extension host, numbered: a test takes `diagnosticsMark()`
 * before it acts and then waits for a change of its document after that mark. The listener is set
 * up when this module loads (before any test opens a document), so no publication is missed.
 */
let changeCount = 0;
const lastChange = new Map<string, number>();
vscode.languages.onDidChangeDiagnostics((e) => {
  changeCount++;
  for (const uri of e.uris) lastChange.set(uri.toString(), changeCount);
});

export function diagnosticsMark(): number {
  return changeCount;
}

/** Waits until the diagnostics of `uri` changed (were published, even as an empty list) after `mark`. */
export async function diagnosticsPublishedAfter(uri: vscode.Uri, mark: number, timeoutMs = 30_000): Promise<void> {
  await waitFor(`diagnostics of ${path.basename(uri.fsPath)} to be published`, () => (lastChange.get(uri.toString()) ?? -1) > mark, timeoutMs, 20);
}

/** A diagnostic's code as a string (VS Code gives `{ value, target }` when the code has a link). */
export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

/** Our diagnostics on `uri` at `maxSeverity` or worse (Error = 0 … Hint = 3), as `code@line` in document order. */
export function ours(uri: vscode.Uri, maxSeverity = vscode.DiagnosticSeverity.Hint): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE && d.severity <= maxSeverity)
    .sort((a, b) => a.range.start.compareTo(b.range.start) || codeOf(a).localeCompare(codeOf(b)))
    .map((d) => `${codeOf(d)}@${d.range.start.line}`);
}

/** Polls until `ours(uri, maxSeverity)` equals `expected` (sorted); fails showing the last value. */
export async function waitForOurs(uri: vscode.Uri, expected: string[], maxSeverity = vscode.DiagnosticSeverity.Hint, timeoutMs = 30_000): Promise<void> {
  const want = JSON.stringify([...expected].sort());
  await waitFor(
    () => `diagnostics ${want} on ${path.basename(uri.fsPath)}, have ${JSON.stringify(ours(uri, maxSeverity).sort())}`,
    () => JSON.stringify(ours(uri, maxSeverity).sort()) === want,
    timeoutMs,
  );
}

/**
 * Opens `uri` (without an editor) and waits until the server has published its diagnostics: after
 * the didOpen this causes, or, for a document already open, at least once since the run began.
 */
export async function openAnalysed(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const mark = diagnosticsMark();
  const wasOpen = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  const doc = await vscode.workspace.openTextDocument(uri);
  await diagnosticsPublishedAfter(uri, wasOpen ? -1 : mark);
  return doc;
}

// ---- Files the tests create ----

let scratch: { dir: string; dispose(): void } | undefined;

/**
 * Writes `text` to a new file named `name` in its own temp folder (outside the workspace) and opens
 * it once the server has analysed it. The folder gets an empty .dockerignore, as test-fixtures/ has
 * one, unless `dockerignore` is false.
 */
export async function tempDocument(name: string, text: string, { dockerignore = true } = {}): Promise<vscode.TextDocument> {
  scratch ??= tempDir();
  const dir = fs.mkdtempSync(path.join(scratch.dir, 'doc-'));
  if (dockerignore) fs.writeFileSync(path.join(dir, '.dockerignore'), '');
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return openAnalysed(vscode.Uri.file(file));
}

/** The position of the `occurrence`-th `needle` in the document, plus `offset` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0, occurrence = 1): vscode.Position {
  const text = doc.getText();
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`'${needle}' (occurrence ${occurrence}) not found in ${path.basename(doc.uri.fsPath)}`);
  }
  return doc.positionAt(index + offset);
}

/** The range of the `occurrence`-th `needle` in the document. */
export function rangeOf(doc: vscode.TextDocument, needle: string, occurrence = 1): vscode.Range {
  return new vscode.Range(positionOf(doc, needle, 0, occurrence), positionOf(doc, needle, needle.length, occurrence));
}

/**
 * Closes every editor; run in a suite's teardown. Temp files a test edited stay unsaved unless an
 * editor shows them (closing would ask); a workspace file changed in memory fails the suite.
 */
export async function closeEditorsChecked(): Promise<void> {
  const shown = new Set(
    vscode.window.tabGroups.all.flatMap((g) => g.tabs).flatMap((t) => (t.input instanceof vscode.TabInputText ? [t.input.uri.toString()] : [])),
  );
  const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty);
  for (const doc of dirty) if (shown.has(doc.uri.toString()) && isScratch(doc.uri)) await doc.save();
  const changedFixtures = dirty.filter((d) => vscode.workspace.getWorkspaceFolder(d.uri)).map((d) => d.uri.fsPath);
  await closeAllEditors();
  assert.deepEqual(changedFixtures, [], 'a test changed a workspace file in memory');
}

function isScratch(uri: vscode.Uri): boolean {
  return !!scratch && uri.scheme === 'file' && uri.fsPath.startsWith(scratch.dir + path.sep);
}

// ---- Workspace settings ----

const changedSettings = new Map<string, unknown>();
let vscodeDirExisted: boolean | undefined;

/**
 * Sets `dockerfileStages.<key>` in the workspace settings (test-fixtures/.vscode/settings.json) and
 * waits for VS Code to see it. `restoreWorkspaceSettings` puts every changed key back.
 */
export async function setWorkspaceSetting(key: string, value: unknown): Promise<void> {
  vscodeDirExisted ??= fs.existsSync(path.join(workspaceFolder().uri.fsPath, '.vscode'));
  const config = () => vscode.workspace.getConfiguration('dockerfileStages');
  if (!changedSettings.has(key)) changedSettings.set(key, config().inspect(key)?.workspaceValue);
  await config().update(key, value, vscode.ConfigurationTarget.Workspace);
  await waitFor(`dockerfileStages.${key} to read ${JSON.stringify(value)}`, () => JSON.stringify(config().inspect(key)?.workspaceValue) === JSON.stringify(value));
}

/** Puts back the workspace settings `setWorkspaceSetting` changed, and waits until VS Code reads them. */
export async function restoreWorkspaceSettings(): Promise<void> {
  const config = () => vscode.workspace.getConfiguration('dockerfileStages');
  for (const [key, value] of changedSettings) {
    await config().update(key, value, vscode.ConfigurationTarget.Workspace);
    await waitFor(`dockerfileStages.${key} to be restored`, () => JSON.stringify(config().inspect(key)?.workspaceValue) === JSON.stringify(value));
  }
  changedSettings.clear();
}

/** Removes test-fixtures/.vscode if this run created it (index.ts calls it after the last test). */
export function removeCreatedSettingsFolder(): void {
  if (vscodeDirExisted === false) {
    // Only what this run wrote: a folder holding nothing but a settings file without settings.
    const dir = path.join(workspaceFolder().uri.fsPath, '.vscode');
    const settingsFile = path.join(dir, 'settings.json');
    const onlySettings = fs.existsSync(dir) && fs.readdirSync(dir).every((f) => f === 'settings.json');
    if (onlySettings && (!fs.existsSync(settingsFile) || isEmptyJsonObject(fs.readFileSync(settingsFile, 'utf8')))) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function isEmptyJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
  } catch {
    return false;
  }
}

/** Removes the temp files of the run (index.ts calls it after the last test). */
export function disposeScratch(): void {
  scratch?.dispose();
  scratch = undefined;
}
