/**
 * The per-kind lens switches `dockerfileStages.codeLens.build`, `.shell` and `.relations`
 * (client/src/lensMiddleware.ts): each one, turned off, removes exactly its kind of lens from what
 * VS Code shows, and turned back on restores it, without a reload.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeEditorsChecked, extensionApi, fixtureUri, openAnalysed, restoreWorkspaceSettings, setWorkspaceSetting, sharedCases, waitFor } from './util';

const ALL = sharedCases().goServiceLensTitles;

suite('Lens settings: dockerfileStages.codeLens.build / .shell / .relations', () => {
  let go: vscode.TextDocument;
  const titles = async () =>
    (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', go.uri)).map((l) => `${l.range.start.line}: ${l.command?.title}`);
  /** Waits until VS Code's lenses are `expected` (the setting reaches the client asynchronously). */
  const lensesBecome = async (what: string, expected: string[]) => {
    let last: string[] = [];
    try {
      await waitFor(what, async () => JSON.stringify((last = await titles())) === JSON.stringify(expected));
    } catch (e) {
      throw new Error(`${(e as Error).message}; lenses: ${JSON.stringify(last)}`);
    }
  };

  suiteSetup(async () => {
    await extensionApi();
    go = await openAnalysed(fixtureUri('go-service.Dockerfile'));
    await vscode.window.showTextDocument(go);
    // A real engine path, so the build and shell lenses are offered (not the no-engine lens).
    await setWorkspaceSetting('build.engine', '/bin/true');
    await lensesBecome('every kind of lens', ALL);
  });
  suiteTeardown(async () => {
    await restoreWorkspaceSettings();
    await closeEditorsChecked();
  });

  const cases: [key: 'build' | 'shell' | 'relations', removed: RegExp][] = [
    ['build', /: ▶ Build /],
    ['shell', /: (⌨ Shell in|▤ Inspect files in) /],
    ['relations', /: needs/],
  ];
  for (const [key, removed] of cases) {
    test(`codeLens.${key} off: only its lenses go; on again: they are back`, async () => {
      const without = ALL.filter((t) => !removed.test(t));
      assert.equal(ALL.length - without.length, 4, 'one lens of this kind per stage');
      await setWorkspaceSetting(`codeLens.${key}`, false);
      try {
        await lensesBecome(`the lenses without codeLens.${key}`, without);
      } finally {
        await setWorkspaceSetting(`codeLens.${key}`, true);
      }
      await lensesBecome(`every lens again after codeLens.${key} is back on`, ALL);
    });
  }

  test('all three off: no lens at all', async () => {
    for (const key of ['build', 'shell', 'relations']) await setWorkspaceSetting(`codeLens.${key}`, false);
    try {
      await lensesBecome('no lens', []);
    } finally {
      for (const key of ['build', 'shell', 'relations']) await setWorkspaceSetting(`codeLens.${key}`, true);
    }
    await lensesBecome('every lens again', ALL);
  });
});
