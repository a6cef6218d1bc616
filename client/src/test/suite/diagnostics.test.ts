/**
 * Our rules' diagnostics reach VS Code (`vscode.languages.getDiagnostics`) with the codes and lines
 * the unit tests expect on the same fixtures (server/test/rules/fixtures.test.ts): every file in
 * test-fixtures/mistakes/ gets exactly its problems, every other fixture no warning or error of ours.
 * Each check first waits for the server to publish the file's diagnostics, so "none" means none.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, extensionApi, fixtureUri, openAnalysed, ours, sharedCases, SOURCE, waitForOurs, workspaceFolder } from './util';

/** Warnings and errors, as server/test/rules/fixtures.test.ts expects them (test-fixtures/shared-cases.json). */
const EXPECTED = sharedCases().mistakes;

/**
 * Dockerfile-like names, as server/test/helpers.ts listFixtures() picks them: refactors/ and extract/
 * are refactor inputs (single-stage projects that trigger toolchain-in-final-stage on purpose), not
 * fixtures that must be clean.
 */
const DOCKERFILE_NAME = /(^|\.)(Dockerfile|Containerfile|dockerfile|containerfile)(\.|$)/;

async function workspaceFixtures(): Promise<string[]> {
  const root = workspaceFolder().uri.fsPath;
  const files = await vscode.workspace.findFiles('**/*', '{refactors/**,extract/**,**/node_modules/**}');
  return files
    .filter((f) => DOCKERFILE_NAME.test(path.basename(f.fsPath)))
    .map((f) => path.relative(root, f.fsPath).split(path.sep).join('/'))
    .sort();
}

suite('Diagnostics of the fixtures', () => {
  suiteSetup(async () => {
    await extensionApi();
  });
  suiteTeardown(closeAllEditors);

  test('the workspace has the fixtures the unit tests check', async () => {
    const fixtures = await workspaceFixtures();
    const mistakes = fixtures.filter((f) => f.startsWith('mistakes/'));
    assert.deepEqual(mistakes, Object.keys(EXPECTED).sort(), 'every mistake fixture has an expectation here');
    assert.ok(fixtures.length - mistakes.length >= 10, `good fixtures: ${fixtures.join(', ')}`);
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    test(`mistake fixture ${name}: ${expected.length ? expected.join(', ') : 'no warning or error of ours'}`, async () => {
      const uri = fixtureUri(name);
      await openAnalysed(uri);
      await waitForOurs(uri, expected, vscode.DiagnosticSeverity.Warning, 10_000);
    });
  }

  test('each diagnostic of ours carries its rule page and the severity of its rule', async () => {
    const uri = fixtureUri('mistakes/unknown-stage-typo.Dockerfile');
    await openAnalysed(uri);
    const typo = vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && codeOf(d) === 'unknown-stage');
    assert.equal(typo.length, 2);
    for (const d of typo) {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.ok(typeof d.code === 'object' && /docs\/rules\/unknown-stage\.md$/.test(d.code.target.toString()), `code ${JSON.stringify(d.code)}`);
    }
    // The range is the mistyped value itself.
    assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.getText(typo[0].range), 'biulder');
    assert.match(typo[0].message, /builder/);
  });

  test('the unused leftover stage is a faded hint (DiagnosticTag.Unnecessary), not a warning', async () => {
    const uri = fixtureUri('mistakes/unused-stage.Dockerfile');
    await openAnalysed(uri);
    const unused = vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && codeOf(d) === 'unreachable-stage');
    assert.deepEqual(
      unused.map((d) => [d.range.start.line, d.severity, d.tags]),
      [[6, vscode.DiagnosticSeverity.Hint, [vscode.DiagnosticTag.Unnecessary]]],
    );
  });

  suite('good fixtures: no warning or error of ours', () => {
    // One test per fixture, listed when the suite loads (findFiles is async, so the names are fixed here).
    const GOOD = [
      'Containerfile',
      'arg-selected-stage.Dockerfile',
      'bom.Dockerfile',
      'buildkit-heavy.Dockerfile',
      'continuations-comments.Dockerfile',
      'crlf.Dockerfile',
      'crossfile/shop/api/Dockerfile',
      'crossfile/shop/web/Dockerfile',
      'crossfile/tools/Dockerfile',
      'dotnet-api.Dockerfile',
      'external-image-from.Dockerfile',
      'flags-any-order.Dockerfile',
      'go-service.Dockerfile',
      'java-maven.Dockerfile',
      'lowercase-instructions.Dockerfile',
      'multi-target-monorepo.Dockerfile',
      'node-web.Dockerfile',
      'numeric-from.Dockerfile',
      'platform.Dockerfile',
      'python-api.Dockerfile',
      'rust-cli.Dockerfile',
      'scratch-named.Dockerfile',
      'single-stage-go.Dockerfile',
      'single-stage-node.Dockerfile',
      'single-stage-python.Dockerfile',
      'windows-servercore.Dockerfile',
    ];

    test('the list below is every good fixture of the workspace', async () => {
      assert.deepEqual((await workspaceFixtures()).filter((f) => !f.startsWith('mistakes/')), [...GOOD].sort());
    });

    for (const name of GOOD) {
      test(name, async () => {
        const uri = fixtureUri(name);
        await openAnalysed(uri);
        assert.deepEqual(ours(uri, vscode.DiagnosticSeverity.Warning), []);
      });
    }
  });
});
