/**
 * Compose, Bake and workflow files in a real extension host: definition from compose.yaml and
 * docker-bake.hcl lands on the stage; a mistyped target shows its squiggle and quick fix in the YAML
 * file; renaming a stage in the Dockerfile updates compose.yaml and docker-bake.hcl (applied and
 * checked), and F2 on a target in compose.yaml does the same from there. Each test works on a temp copy of test-fixtures/crossfile/shop, so the fixtures stay
 * intact; the workspace copy shows that targets elsewhere keep stages from being faded.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeEditorsChecked, extensionApi, fixtureUri, openAnalysed, ours, positionOf, settle, tempDir, waitForOurs } from './util';

let copies: { dir: string; dispose(): void } | undefined;

/** A fresh copy of the shop project outside the workspace. */
function shopCopy(): string {
  copies ??= tempDir('dockerfile-stages-crossfile-');
  const dir = fs.mkdtempSync(path.join(copies.dir, 'shop-'));
  fs.cpSync(fixtureUri('crossfile/shop').fsPath, dir, { recursive: true });
  return dir;
}

const uriIn = (dir: string, rel: string) => vscode.Uri.file(path.join(dir, ...rel.split('/')));

async function definitionAt(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Location> {
  const found = await settle(
    `definition in ${path.basename(doc.uri.fsPath)}`,
    () => vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, pos),
    (l) => !!l && l.length > 0,
  );
  const first = found[0];
  return first instanceof vscode.Location ? first : new vscode.Location(first.targetUri, first.targetSelectionRange ?? first.targetRange);
}

suite('Compose, Bake and workflow files', () => {
  suiteSetup(async () => {
    await extensionApi();
  });
  suiteTeardown(async () => {
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && copies && doc.uri.fsPath.startsWith(copies.dir)) await doc.save();
    await closeEditorsChecked();
    copies?.dispose();
  });

  test('definition from compose.yaml and docker-bake.hcl lands on the stage in api/Dockerfile', async () => {
    const dir = shopCopy();
    const dockerfile = await vscode.workspace.openTextDocument(uriIn(dir, 'api/Dockerfile'));
    for (const [rel, needle, stage] of [
      ['compose.yaml', 'target: runtime', 'runtime'],
      ['compose.override.yaml', 'target: debug', 'debug'],
      ['docker-bake.hcl', 'target   = "test"', 'test'],
    ] as const) {
      const doc = await vscode.workspace.openTextDocument(uriIn(dir, rel));
      const location = await definitionAt(doc, positionOf(doc, needle, needle.length - 2));
      assert.equal(location.uri.fsPath, dockerfile.uri.fsPath, rel);
      assert.equal(dockerfile.getText(location.range), stage, rel);
      assert.equal(location.range.start.line, positionOf(dockerfile, `AS ${stage}`).line, rel);
    }
  });

  test('a mistyped target in compose.yaml: its squiggle, and the quick fix that clears it', async () => {
    const dir = shopCopy();
    const compose = await openAnalysed(uriIn(dir, 'compose.yaml'));
    await waitForOurs(compose.uri, []);
    const value = positionOf(compose, 'target: worker', 'target: '.length);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(compose.uri, new vscode.Range(value, value.translate(0, 'worker'.length)), 'wroker');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForOurs(compose.uri, [`unknown-build-target@${value.line}`]);
    const [squiggle] = vscode.languages.getDiagnostics(compose.uri).filter((d) => d.source === 'dockerfile-stages');
    assert.equal(squiggle.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(compose.getText(squiggle.range), 'wroker');

    const actions = await settle(
      'the quick fix',
      () => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', compose.uri, squiggle.range, vscode.CodeActionKind.QuickFix.value),
      (l) => l.some((a) => a.title === "Change target to 'worker'"),
    );
    const fix = actions.find((a) => a.title === "Change target to 'worker'")!;
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
    assert.match(compose.lineAt(value.line).text, /^\s+target: worker$/);
    await waitForOurs(compose.uri, []);
  });

  test('renaming a stage in the Dockerfile updates compose.yaml and docker-bake.hcl (applied and checked)', async () => {
    const dir = shopCopy();
    const compose = await vscode.workspace.openTextDocument(uriIn(dir, 'compose.yaml'));
    const bake = await vscode.workspace.openTextDocument(uriIn(dir, 'docker-bake.hcl'));
    const dockerfile = await openAnalysed(uriIn(dir, 'api/Dockerfile'));
    const at = positionOf(dockerfile, 'AS runtime', 3);
    // The server knows the open compose.yaml and docker-bake.hcl once the rename covers them.
    const edit = await settle(
      'a rename edit covering compose.yaml and docker-bake.hcl',
      () => vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', dockerfile.uri, at, 'release'),
      (e) => !!e && e.has(compose.uri) && e.has(bake.uri),
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(dockerfile.getText(), /^FROM gcr\.io\/distroless\/static AS release$/m);
    assert.match(compose.getText(), /^ {6}target: release$/m);
    assert.doesNotMatch(compose.getText(), /target: runtime/);
    assert.match(bake.getText(), /^ {2}default = "release"$/m, 'the variable default the api target reads');
    assert.match(bake.getText(), /^ {2}target {2}= "runtime"$/m, 'web/Dockerfile\'s runtime is another stage');
    // Every file still agrees: no unknown target anywhere.
    await waitForOurs(compose.uri, []);
    await waitForOurs(bake.uri, []);
  });

  test('F2 on a target in compose.yaml renames the stage everywhere; references from there list its uses', async () => {
    const dir = shopCopy();
    const compose = await openAnalysed(uriIn(dir, 'compose.yaml'));
    const dockerfile = await vscode.workspace.openTextDocument(uriIn(dir, 'api/Dockerfile'));
    const at = positionOf(compose, 'target: worker', 'target: '.length + 2);
    const refs = await settle(
      'references from the compose target',
      () => vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', compose.uri, at),
      (l) => !!l && l.some((r) => r.uri.fsPath === dockerfile.uri.fsPath),
    );
    assert.ok(refs.some((r) => r.uri.fsPath === compose.uri.fsPath && compose.getText(r.range) === 'worker'), 'the compose use itself');
    const edit = await settle(
      'a rename edit from compose.yaml covering the Dockerfile',
      () => vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', compose.uri, at, 'jobs'),
      (e) => !!e && e.has(dockerfile.uri) && e.has(compose.uri),
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(dockerfile.getText(), /AS jobs$/m);
    assert.doesNotMatch(dockerfile.getText(), /AS worker$/m);
    assert.match(compose.getText(), /^ {6}target: jobs$/m);
    await waitForOurs(compose.uri, []);
  });

  test('in the workspace, stages built only by compose/bake/workflow files are not faded as unreachable', async () => {
    const uri = fixtureUri('crossfile/shop/api/Dockerfile');
    await openAnalysed(uri);
    await waitForOurs(uri, []);
    assert.deepEqual(ours(uri), []);
  });
});
