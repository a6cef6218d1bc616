/**
 * The language features through VS Code's own commands (`vscode.execute…Provider`), i.e. through
 * the language client's conversions and VS Code's provider registry: the answers the unit tests
 * (server/test/<feature>.test.ts) expect, on the workspace fixtures and on the unit tests' own texts
 * (written to temp files, since they are not fixtures).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, fixtureUri, openAnalysed, positionOf, rangeOf, closeEditorsChecked, settle, sharedCases, sharedText, tempDocument } from './util';

type AnyLocation = vscode.Location | vscode.LocationLink;

/** `line:text` of each location in `doc`, in document order. */
function show(doc: vscode.TextDocument, locations: AnyLocation[]): string[] {
  return locations
    .map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetSelectionRange ?? l.targetRange } : l))
    .map((l) => {
      assert.equal(l.uri.toString(), doc.uri.toString());
      return l.range;
    })
    .sort((a, b) => a.start.compareTo(b.start))
    .map((r) => `${r.start.line}:${doc.getText(r)}`);
}

const definition = (doc: vscode.TextDocument, at: vscode.Position) =>
  vscode.commands.executeCommand<AnyLocation[]>('vscode.executeDefinitionProvider', doc.uri, at);
const references = (doc: vscode.TextDocument, at: vscode.Position) =>
  vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, at);
const rename = (doc: vscode.TextDocument, at: vscode.Position, newName: string) =>
  vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, at, newName);
const hover = (doc: vscode.TextDocument, at: vscode.Position) => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
const completion = (doc: vscode.TextDocument, at: vscode.Position) =>
  vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
const symbols = (doc: vscode.TextDocument) => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
const folding = (doc: vscode.TextDocument) => vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
const lenses = (doc: vscode.TextDocument) => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
/** The server lists code actions without edits and computes each edit in codeAction/resolve; resolve them all. */
const RESOLVE_ALL = 1000;
const codeActions = (doc: vscode.TextDocument, range: vscode.Range, kind?: string) =>
  vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, range, kind, RESOLVE_ALL);

/** The markdown of every hover at a position, joined. */
const hoverText = (hovers: vscode.Hover[]) =>
  hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
const titles = (list: vscode.CodeLens[]) =>
  [...list].sort((a, b) => a.range.start.line - b.range.start.line).map((l) => `${l.range.start.line}: ${l.command?.title}`);

suite('Language features through the vscode API', () => {
  let go: vscode.TextDocument;
  let numeric: vscode.TextDocument;

  suiteSetup(async () => {
    await extensionApi();
    go = await openAnalysed(fixtureUri('go-service.Dockerfile'));
    numeric = await openAnalysed(fixtureUri('numeric-from.Dockerfile'));
  });
  suiteTeardown(closeEditorsChecked);

  suite('definition', () => {
    test('COPY --from=0 lands on the FROM keyword of stage 0; --from=1 on stage 1', async () => {
      // numeric-from.Dockerfile: stages on lines 2, 9 and 16 (expectations.json).
      assert.deepEqual(show(numeric, await definition(numeric, positionOf(numeric, '--from=0', 7))), ['2:FROM']);
      assert.deepEqual(show(numeric, await definition(numeric, positionOf(numeric, '--from=1', 7))), ['9:FROM']);
    });

    test('COPY --from=build and FROM deps land on the stage names (go-service.Dockerfile)', async () => {
      assert.deepEqual(show(go, await definition(go, positionOf(go, '--from=build', 8))), ['14:build']);
      assert.deepEqual(show(go, await definition(go, positionOf(go, 'FROM deps AS build', 6))), ['6:deps']);
      // An image has no definition.
      assert.deepEqual(await definition(go, positionOf(go, 'distroless', 2)), []);
    });
  });

  suite('references', () => {
    test('every reference to a stage, declaration included (go-service.Dockerfile)', async () => {
      assert.deepEqual(show(go, await references(go, positionOf(go, 'AS deps', 4))), ['6:deps', '14:deps', '25:deps']);
      assert.deepEqual(show(go, await references(go, positionOf(go, '--from=build', 8))), ['14:build', '34:build']);
    });

    test('the unit test text: COPY, RUN --mount, FROM, an ARG-selected FROM and --from=N (server/test/references.test.ts)', async () => {
      const doc = await tempDocument(
        'Dockerfile',
        sharedText('references'),
      );
      const all = ['1:builder', '2:builder', '3:Builder', '4:${BASE}', '6:builder', '7:0'];
      assert.deepEqual(show(doc, await references(doc, positionOf(doc, 'AS builder', 4))), all);
      assert.deepEqual(show(doc, await references(doc, positionOf(doc, '--from=0', 7))), all);
      assert.deepEqual(await references(doc, positionOf(doc, 'builder:latest', 2)), []);
    });
  });

  suite('rename', () => {
    test('renaming a stage of go-service.Dockerfile edits its three spellings, nothing else', async () => {
      const edit = await rename(go, positionOf(go, 'AS deps', 4), 'modules');
      const entries = edit.entries();
      assert.deepEqual(entries.map(([uri]) => uri.toString()), [go.uri.toString()]);
      const edits = entries[0][1] as vscode.TextEdit[];
      assert.deepEqual(
        edits.map((e) => `${e.range.start.line}:${go.getText(e.range)}→${e.newText}`).sort(),
        ['14:deps→modules', '25:deps→modules', '6:deps→modules'],
      );
    });

    const renameText = sharedText('rename');

    test('applied through workspace.applyEdit, from a reference: the result of server/test/rename.test.ts', async () => {
      const doc = await tempDocument('Dockerfile', renameText);
      const edit = await rename(doc, positionOf(doc, '--from=BUILDER', 9), 'compile');
      assert.equal(edit.size, 1);
      assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit refused the rename');
      assert.equal(
        doc.getText(),
        sharedText('renamedToCompile'),
      );
    });

    test('a taken name is refused with the server\'s reason', async () => {
      const doc = await tempDocument('Dockerfile', renameText);
      await assert.rejects(Promise.resolve(rename(doc, positionOf(doc, 'AS builder', 4), 'runtime')), /A stage named 'runtime' already exists/);
    });

    test('the refusal is shown as an error message, with the reason', async () => {
      const { renameRefusals } = await extensionApi();
      const before = renameRefusals.shown.length;
      const doc = await tempDocument('Dockerfile', renameText);
      await assert.rejects(Promise.resolve(rename(doc, positionOf(doc, 'AS builder', 4), 'runtime')));
      assert.equal(renameRefusals.shown.length, before + 1, renameRefusals.shown.join('\n'));
      assert.match(renameRefusals.shown.at(-1) ?? '', /cannot rename to 'runtime': A stage named 'runtime' already exists/);
    });
  });

  suite('hover', () => {
    test('on a stage of go-service.Dockerfile: the base chain with ARG defaults, doc comment and users', async () => {
      const text = hoverText(await hover(go, positionOf(go, '--from=build', 8)));
      assert.ok(text.includes('**Stage `build`** (stage 1)'), text);
      assert.ok(text.includes('`build` → `deps` → `golang:1.22-alpine3.20` (`golang:${GO_VERSION}-alpine${ALPINE_VERSION}` with ARG defaults)'), text);
      assert.ok(text.includes('build compiles a static server binary with version information baked in.'), text);
      assert.ok(text.includes('- `/out/server` → `runtime` (line 35)'), text);
    });

    test('the exact markdown of server/test/hover.test.ts, with the reference as range', async () => {
      const doc = await tempDocument(
        'Dockerfile',
        sharedText('hover'),
      );
      const onTest = await hover(doc, positionOf(doc, 'AS test', 4));
      assert.equal(onTest.length, 1);
      assert.equal(
        hoverText(onTest),
        [
          '**Stage `test`** (stage 1)',
          '`test` → `base` → `golang:1.22` (`golang:${GO}` with ARG defaults)',
          'Runs the unit tests.\nBuild it with --target test.',
          'Copied from by: `stage 2`  \nMounted by: `stage 2`',
          'Taken from it:\n- `/out/report.xml`, `/cover.out` → `stage 2` (line 8)\n- `/` mounted at `/t` in `stage 2` (line 10)',
        ].join('\n\n'),
      );
      const byIndex = await hover(doc, positionOf(doc, '--from=0', 7));
      assert.ok(byIndex[0].range?.isEqual(new vscode.Range(positionOf(doc, '--from=0', 7), positionOf(doc, '--from=0', 8))), 'hover range is the reference');
      assert.ok(hoverText(byIndex).startsWith('**Stage `base`** (stage 0)'));
    });
  });

  suite('completion', () => {
    test('after COPY --from= in the last stage of go-service.Dockerfile: the earlier stages, never itself', async () => {
      const list = await completion(go, positionOf(go, '--from=build', 7));
      const stages = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Module);
      assert.deepEqual(stages.map((i) => [label(i), i.detail]), [
        ['deps', 'golang:${GO_VERSION}-alpine${ALPINE_VERSION}'],
        ['build', 'deps'],
        ['test', 'deps'],
      ]);
    });

    test('only stages before the current one (server/test/completion.test.ts)', async () => {
      const stages = ['FROM golang:1.22 AS Builder', 'FROM node:20 AS deps', 'FROM alpine:3.20', 'FROM deps AS builder'].join('\n');
      const doc = await tempDocument('Dockerfile', `${stages}\nCOPY --from=\nFROM alpine AS later\n`);
      const list = await completion(doc, positionOf(doc, 'COPY --from=', 12));
      const stageItems = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Module);
      // In stage 3, --from=builder would name stage 3 itself; 'later' comes after.
      assert.deepEqual(stageItems.map(label), ['deps', '2']);
      assert.deepEqual(stageItems.map((i) => i.detail), ['node:20', 'unnamed stage 2: alpine:3.20']);
    });
  });

  suite('outline and folding', () => {
    test('document symbols of go-service.Dockerfile: global ARGs, then stages holding their instructions', async () => {
      const tree = await symbols(go);
      assert.deepEqual(
        tree.map((s) => [s.name, s.kind, s.children.length]),
        [
          ['GO_VERSION', vscode.SymbolKind.Variable, 0],
          ['ALPINE_VERSION', vscode.SymbolKind.Variable, 0],
          ['deps', vscode.SymbolKind.Module, 4],
          ['build', vscode.SymbolKind.Module, 4],
          ['test', vscode.SymbolKind.Module, 2],
          ['runtime', vscode.SymbolKind.Module, 6],
        ],
      );
      const build = tree[3];
      assert.equal(build.detail, '→ deps');
      assert.equal(build.range.start.line, 14);
      assert.equal(go.getText(build.selectionRange), 'build');
      assert.deepEqual(build.children.map((c) => c.name.split(' ')[0]), ['ARG', 'ARG', 'COPY', 'RUN']);
      for (const s of tree) for (const c of s.children) assert.ok(s.range.contains(c.range), `${c.name} outside ${s.name}`);
    });

    test('the outline of server/test/symbols.test.ts: names, details, kinds', async () => {
      const doc = await tempDocument(
        'Dockerfile',
        sharedText('outline'),
      );
      const outline = (list: vscode.DocumentSymbol[]): unknown[] =>
        list.map((s) => (s.children.length ? [s.name, s.detail, s.kind, outline(s.children)] : [s.name, s.detail, s.kind]));
      const K = vscode.SymbolKind;
      assert.deepEqual(outline(await symbols(doc)), [
        ['VARIANT', '= alpine', K.Variable],
        ['BUILD_ID', 'global ARG', K.Variable],
        ['base-alpine', 'alpine:3.20', K.Module],
        [
          'app',
          'base-${VARIANT} → base-alpine',
          K.Module,
          [
            ['ENV A=1', '', K.Variable],
            ['RUN apk add curl', '', K.Function],
            ['COPY --from=base-alpine /etc /etc', '', K.File],
          ],
        ],
        [
          'stage 2',
          '→ app',
          K.Module,
          [
            ['RUN <<EOF', '', K.Function],
            [`LABEL description="${'x'.repeat(40)}…`, '', K.Property],
            ['CMD ["app"]', '', K.Method],
          ],
        ],
      ]);
    });

    test('folding: a region per stage of go-service.Dockerfile, from its FROM to its last line, plus continuations', async () => {
      const ranges = (await folding(go)).map((r) => [r.start, r.end]).sort((a, b) => a[0] - b[0]);
      // Stages: FROM on lines 6, 14, 25, 31 (expectations.json); multi-line RUN/LABEL inside them.
      assert.deepEqual(ranges, [[6, 11], [10, 11], [14, 22], [18, 22], [25, 29], [27, 29], [31, 38], [32, 33]]);
    });

    test('folding of server/test/folding.test.ts: comment block, stages, continuations, heredocs', async () => {
      const doc = await tempDocument(
        'Dockerfile',
        sharedText('folding'),
      );
      const ranges = (await folding(doc)).map((r) => [r.start, r.end, r.kind]).sort((a, b) => Number(a[0]) - Number(b[0]));
      assert.deepEqual(ranges, [
        [1, 2, vscode.FoldingRangeKind.Comment],
        [3, 16, undefined],
        [5, 6, undefined],
        [7, 10, undefined],
        [11, 16, undefined],
        [14, 16, undefined],
        [18, 19, undefined],
      ]);
    });
  });

  suite('code lenses', () => {
    test('go-service.Dockerfile: build, shell and info lenses per stage; the last stage builds the image; distroless runtime: Inspect files, no shell', async () => {
      assert.deepEqual(titles(await lenses(go)), sharedCases().goServiceLensTitles);
    });

    test('the lenses of server/test/codeLens.test.ts, an unnamed middle stage included', async () => {
      const doc = await tempDocument(
        'Dockerfile',
        sharedText('codeLens'),
      );
      const list = await lenses(doc);
      assert.deepEqual(titles(list), sharedCases().codeLensTitles);
      const build = list.find((l) => l.command?.title === "▶ Build stage 'builder'");
      assert.equal(build?.command?.command, 'dockerfileStages.buildStage');
      assert.deepEqual(build?.command?.arguments, [{ uri: doc.uri.toString(), stage: 'builder', stageIndex: 2, isLast: false }]);
    });
  });

  suite('code actions', () => {
    test('unknown-stage-typo.Dockerfile: the quick fix "Change to \'builder\'" for each typo', async () => {
      const doc = await openAnalysed(fixtureUri('mistakes/unknown-stage-typo.Dockerfile'));
      for (const typo of ['biulder', 'buidler']) {
        const actions = await settle(
          `a quick fix on '${typo}'`,
          () => codeActions(doc, rangeOf(doc, typo), vscode.CodeActionKind.QuickFix.value),
          (list) => list.length > 0,
        );
        const fix = actions.find((a): a is vscode.CodeAction => a instanceof vscode.CodeAction && a.title === "Change to 'builder'");
        assert.ok(fix, `offered: ${actions.map((a) => a.title).join(' | ')}`);
        assert.equal(fix.kind?.value, 'quickfix');
        const [[uri, edits]] = fix.edit!.entries() as [vscode.Uri, vscode.TextEdit[]][];
        assert.equal(uri.toString(), doc.uri.toString());
        assert.deepEqual(edits.map((e) => [doc.getText(e.range), e.newText]), [[typo, 'builder']]);
      }
    });

    test('single-stage-go.Dockerfile: "Extract builder stage" is a refactor.extract action', async () => {
      const doc = await openAnalysed(fixtureUri('single-stage-go.Dockerfile'));
      const actions = await codeActions(doc, new vscode.Range(10, 4, 10, 4), vscode.CodeActionKind.RefactorExtract.value);
      const extract = actions.find((a): a is vscode.CodeAction => a instanceof vscode.CodeAction && a.title.startsWith('Extract builder stage'));
      assert.ok(extract, `offered: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(extract.title, 'Extract builder stage (Go: /usr/local/bin/linkshort)');
      assert.equal(extract.kind?.value, 'refactor.extract');
      assert.ok(extract.edit && extract.edit.size === 1);
    });
  });
});
