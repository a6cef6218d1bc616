/**
 * Code actions applied the way VS Code applies them: the returned WorkspaceEdit goes through
 * `vscode.workspace.applyEdit`, the document changes as the unit tests expect, and the server's
 * diagnostics for the new text clear. Each test works on a temp copy, so the fixtures stay intact.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionApi, fixtureUri, openAnalysed, ours, rangeOf, readFixture, closeEditorsChecked, settle, tempDir, tempDocument, waitForOurs } from './util';

/** The server lists code actions without edits and computes each edit in codeAction/resolve; resolve them all. */
const RESOLVE_ALL = 1000;
const codeActions = (doc: vscode.TextDocument, range: vscode.Range, kind: string) =>
  vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, range, kind, RESOLVE_ALL);

/** Waits until the code action titled `title` is offered at `range` (filtered by `kind`), and returns it. */
async function actionAt(doc: vscode.TextDocument, range: vscode.Range, kind: string, title: string | RegExp): Promise<vscode.CodeAction> {
  const matches = (a: vscode.CodeAction | vscode.Command): a is vscode.CodeAction =>
    a instanceof vscode.CodeAction && (typeof title === 'string' ? a.title === title : title.test(a.title));
  const list = await settle(`code action ${String(title)}`, () => codeActions(doc, range, kind), (l) => l.some(matches));
  return list.find(matches)!;
}

async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `'${action.title}' has no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `applyEdit refused '${action.title}'`);
}

suite('Code actions applied through workspace.applyEdit', () => {
  suiteSetup(async () => {
    await extensionApi();
  });
  suiteTeardown(closeEditorsChecked);

  test('Extract builder stage on the golden Go case gives its after.Dockerfile; the toolchain hint clears', async () => {
    // test-fixtures/refactors/extract-go: before, after and the cursor of case.json (server/test/refactors/golden.test.ts).
    const doc = await tempDocument('Dockerfile', readFixture('refactors/extract-go/before.Dockerfile'));
    await waitForOurs(doc.uri, ['toolchain-in-final-stage@4']);
    const cursor = new vscode.Range(10, 4, 10, 4);
    const extract = await actionAt(doc, cursor, vscode.CodeActionKind.RefactorExtract.value, 'Extract builder stage (Go: /out/server)');
    assert.equal(extract.kind?.value, 'refactor.extract');
    await apply(extract);
    assert.equal(doc.getText(), readFixture('refactors/extract-go/after.Dockerfile'));
    // Every diagnostic of ours, hints included, is gone for the new text.
    await waitForOurs(doc.uri, []);
  });

  test('Extract builder stage on a copy of single-stage-go.Dockerfile: builder + runtime stages, diagnostics clear', async () => {
    const original = readFixture('single-stage-go.Dockerfile');
    const doc = await tempDocument('Dockerfile', original);
    await waitForOurs(doc.uri, ['toolchain-in-final-stage@0']);
    await apply(await actionAt(doc, new vscode.Range(10, 4, 10, 4), vscode.CodeActionKind.RefactorExtract.value, /^Extract builder stage \(Go: /));
    const lines = doc.getText().split('\n');
    assert.equal(lines[0], 'FROM golang:1.22-bookworm AS builder');
    const runtime = lines.findIndex((l, i) => i > 0 && l.startsWith('FROM '));
    assert.ok(runtime > 0, doc.getText());
    assert.ok(lines.indexOf('RUN go build -o /usr/local/bin/linkshort ./cmd/linkshort') < runtime, 'the build stays in the builder');
    assert.ok(lines.slice(runtime).includes('COPY --from=builder /usr/local/bin/linkshort /usr/local/bin/linkshort'), doc.getText());
    assert.ok(lines.slice(runtime).includes('CMD ["linkshort", "--addr=:8080"]'), 'the runtime keeps the command');
    await waitForOurs(doc.uri, []);
    assert.equal(readFixture('single-stage-go.Dockerfile'), original, 'the fixture itself is untouched');
  });

  test('quick fix "Change to \'builder\'" on unknown-stage-typo: each applied fix clears its diagnostic', async () => {
    const doc = await tempDocument('Dockerfile', readFixture('mistakes/unknown-stage-typo.Dockerfile'));
    await waitForOurs(doc.uri, ['unknown-stage@11', 'unknown-stage@12'], vscode.DiagnosticSeverity.Warning);

    await apply(await actionAt(doc, rangeOf(doc, 'biulder'), vscode.CodeActionKind.QuickFix.value, "Change to 'builder'"));
    assert.equal(doc.lineAt(11).text, 'COPY --from=builder /out/api /usr/local/bin/api');
    await waitForOurs(doc.uri, ['unknown-stage@12'], vscode.DiagnosticSeverity.Warning);

    await apply(await actionAt(doc, rangeOf(doc, 'buidler'), vscode.CodeActionKind.QuickFix.value, "Change to 'builder'"));
    assert.equal(doc.lineAt(12).text, 'RUN --mount=type=bind,from=builder,source=/src/migrations,target=/tmp/migrations \\');
    await waitForOurs(doc.uri, [], vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(ours(doc.uri).filter((d) => d.startsWith('unknown-stage')), []);
  });

  test('source.fixAll.dockerfile-stages applies every safe fix at once (server/test/codeActions.test.ts)', async () => {
    const doc = await tempDocument('Dockerfile', 'ARG V=1\nFROM alpine as Builder\nRUN echo $V\nFROM alpine\nCOPY --from=biulder / /\n');
    await waitForOurs(doc.uri, ['from-as-casing@1', 'global-arg-not-redeclared@2', 'stage-name-casing@1', 'unknown-stage@4'], vscode.DiagnosticSeverity.Warning);
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    await apply(await actionAt(doc, whole, 'source.fixAll.dockerfile-stages', /./));
    assert.equal(doc.getText(), 'ARG V=1\nFROM alpine AS builder\nARG V\nRUN echo $V\nFROM alpine\nCOPY --from=biulder / /\n');
    // The typo has no safe fix (a human picks the stage): it is the only warning left.
    await waitForOurs(doc.uri, ['unknown-stage@5'], vscode.DiagnosticSeverity.Warning);
  });
});

/** A copy of a project case of test-fixtures/extract/ (its files, not the test's expected result). */
function copyProject(scratch: string, name: string): string {
  const dest = path.join(scratch, name);
  fs.cpSync(fixtureUri(`extract/${name}`).fsPath, dest, { recursive: true, filter: (p) => !/(expected\.Dockerfile|refusal\.txt|case\.json)$/.test(p) });
  fs.writeFileSync(path.join(dest, '.dockerignore'), '.git\n');
  return path.join(dest, 'Dockerfile');
}

suite('Extract builder stage on a project: the build context is read', () => {
  let scratch: { dir: string; dispose(): void } | undefined;
  suiteSetup(async () => {
    await extensionApi();
    scratch = tempDir('dockerfile-stages-extract-');
  });
  suiteTeardown(async () => {
    await closeEditorsChecked();
    scratch?.dispose();
  });

  test('one click applies it (minimal edits, nothing to confirm); the result is expected.Dockerfile with the templates copied', async () => {
    const doc = await openAnalysed(vscode.Uri.file(copyProject(scratch!.dir, 'go-pure-templates')));
    await waitForOurs(doc.uri, ['toolchain-in-final-stage@0']);
    const extract = await actionAt(doc, new vscode.Range(6, 0, 6, 0), vscode.CodeActionKind.RefactorExtract.value, 'Extract builder stage (Go: /app/server)');
    const edits = extract.edit!.entries().flatMap(([, e]) => e);
    assert.ok(edits.length > 1, 'several small edits, not one replaced document');
    assert.ok(edits.every((e) => e.range.end.line - e.range.start.line <= 1), JSON.stringify(edits.map((e) => e.range)));
    await apply(extract);
    assert.equal(doc.getText(), readFixture('extract/go-pure-templates/expected.Dockerfile'));
    await waitForOurs(doc.uri, []);
  });

  test('a refused case: the server sends the action disabled, its reason visible, with no edit', async () => {
    // vscode.executeCodeActionProvider drops disabled actions (validActions); the Refactor menu shows
    // them. So ask the server as VS Code's provider does, and convert the answer as the client does.
    const api = await extensionApi();
    const doc = await openAnalysed(vscode.Uri.file(copyProject(scratch!.dir, 'node-ts-nodemon-refused')));
    const params = { textDocument: { uri: doc.uri.toString() }, range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }, context: { diagnostics: [], only: ['refactor.extract'] } };
    const answer = await settle(
      'the disabled Extract builder stage',
      () => api.client.sendRequest<unknown[] | null>('textDocument/codeAction', params),
      (list) => !!list?.some((a) => typeof a === 'object' && a !== null && 'disabled' in a),
    );
    const converted = await api.client.protocol2CodeConverter.asCodeActionResult(answer as never);
    const action = converted.find((a): a is vscode.CodeAction => a instanceof vscode.CodeAction && a.title.startsWith('Extract builder stage'))!;
    assert.ok(action.disabled, `'${action.title}' is not disabled`);
    assert.match(action.disabled.reason, /yarn start runs nodemon on src\/index\.ts, a TypeScript source/);
    assert.equal(action.edit, undefined);
  });
});
