import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID, openFile, tempDir, waitFor, workspaceFolder } from './util';

suite('Activation', () => {
  let scratch: ReturnType<typeof tempDir> | undefined;

  suiteTeardown(async () => {
    await closeAllEditors();
    scratch?.dispose();
  });

  test('the extension is installed in the extension host', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded (is extensionDevelopmentPath the repository root?)`);
    assert.equal(ext.packageJSON.name, 'dockerfile-stages');
  });

  test('opening a Dockerfile of test-fixtures/ activates the extension', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    const [fixture] = await vscode.workspace.findFiles('**/*.{Dockerfile,dockerfile}', undefined, 1);
    assert.ok(fixture, `no *.Dockerfile in the workspace ${workspaceFolder().uri.fsPath}`);
    const doc = await openFile(fixture);
    assert.equal(doc.languageId, 'dockerfile', `${path.basename(fixture.fsPath)} opened as ${doc.languageId}`);
    await waitFor(`${EXTENSION_ID} to become active`, () => ext.isActive);
  });

  test('the language server starts (the API\'s `ready` resolves)', async () => {
    const ext = vscode.extensions.getExtension<{ ready?: Promise<void> }>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    const api = await ext.activate();
    assert.ok(api && api.ready instanceof Promise, 'activate() returns no { ready } API');
    await api.ready;
  });

  test('the walkthrough: its media are in the extension, and opening it by id shows the Welcome page', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    const [walkthrough] = ext.packageJSON.contributes.walkthroughs as { id: string; steps: { media: { markdown: string } }[] }[];
    for (const step of walkthrough.steps) assert.ok(fs.existsSync(path.join(ext.extensionPath, step.media.markdown)), step.media.markdown);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walkthrough.id}`, false);
    await waitFor('the Welcome page with the walkthrough', () => vscode.window.tabGroups.activeTabGroup.activeTab?.label === 'Welcome');
    await closeAllEditors();
  });

  for (const name of ['Containerfile', 'Dockerfile', 'app.dockerfile', 'app.Dockerfile', 'Dockerfile.dev']) {
    test(`a file named ${name} opens as language "dockerfile"`, async () => {
      scratch ??= tempDir();
      const [fixture] = await vscode.workspace.findFiles('**/*.Dockerfile', undefined, 1);
      const text = fixture ? fs.readFileSync(fixture.fsPath, 'utf8') : 'FROM busybox AS base\nRUN true\n';
      const dir = fs.mkdtempSync(path.join(scratch.dir, 'f-'));
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      const doc = await openFile(vscode.Uri.file(file));
      assert.equal(doc.languageId, 'dockerfile');
    });
  }
});
