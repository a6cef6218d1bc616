/**
 * Check All Dockerfiles: a Dockerfile of the workspace that was never opened gets its problems in
 * VS Code (`vscode.languages.getDiagnostics`), the ones the unit tests expect for its text.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CheckFilesResult } from '../../../../server/src/protocol';
import { extensionApi, readFixture, waitForOurs, workspaceFolder } from './util';

suite('Check All Dockerfiles', () => {
  let dir = '';
  suiteSetup(async () => {
    await extensionApi();
    // A copy of a mistake fixture under a fresh name: no earlier test has it open.
    dir = fs.mkdtempSync(path.join(workspaceFolder().uri.fsPath, 'check-all-scratch-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), readFixture('mistakes/unknown-stage-typo.Dockerfile'));
  });
  suiteTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('an unopened Dockerfile gets its problems (unknown-stage@11, @12 as on the typo fixture)', async () => {
    const uri = vscode.Uri.file(path.join(dir, 'Dockerfile'));
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the copy is open');
    assert.deepEqual(vscode.languages.getDiagnostics(uri), []);
    const result = await vscode.commands.executeCommand<CheckFilesResult>('dockerfileStages.checkAllDockerfiles', { quiet: true });
    assert.ok(result.checked >= 1 && result.problems >= 2, JSON.stringify(result));
    await waitForOurs(uri, ['unknown-stage@11', 'unknown-stage@12'], vscode.DiagnosticSeverity.Warning, 10_000);
  });
});
