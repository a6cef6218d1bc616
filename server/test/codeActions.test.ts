import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import {
  computeCodeActions,
  FIX_ALL_KIND,
  isCodeActionRefusal,
  listCodeActions,
  resolveCodeAction,
  type CodeActionData,
  type CodeActionInput,
  type CodeActionRefusal,
} from '../src/service/codeActions';
import { computeDiagnostics } from '../src/service/diagnostics';
import { analysisOf } from '../src/service/analysis';
import { rules } from '../src/service/rules/registry';
import { buildModel, type StageModel } from '../src/service/model';
import type { ContextFiles } from '../src/service/refactors/ecosystems/types';
import { applyTextEdits, documentEdit, OverlappingEditsError } from '../src/service/refactors/edits';
import { actionsOf, refactors } from '../src/service/refactors/registry';
import { withDefaults } from '../src/protocol';

const settings = withDefaults({});
const text = 'ARG V=1\nFROM alpine as Builder\nRUN echo $V\nFROM alpine\nCOPY --from=biulder / /\n';

function setup(t = text) {
  const model = buildModel(t, 'file:///w/Dockerfile', 7);
  const diagnostics = computeDiagnostics({ model, settings, files: {} });
  return { model, diagnostics };
}

test('quick fixes answer for the diagnostics the client sends, with versioned edits', () => {
  const { model, diagnostics } = setup();
  const typo = diagnostics.find((d) => d.code === 'unknown-stage')!;
  const actions = computeCodeActions(model, typo.range, [typo], ['quickfix'], settings, {});
  // The typo's fix (not a safe fix: fix-all leaves it) and the ignore comment.
  assert.deepEqual(actions.map((a) => [a.title, a.kind]), [["Change to 'Builder'", 'quickfix'], ['Ignore unknown-stage on this line', 'quickfix']]);
  assert.deepEqual(actions[0].diagnostics, [typo]);
  const change = actions[0].edit?.documentChanges?.[0];
  assert.ok(change && 'textDocument' in change);
  assert.deepEqual(change.textDocument, { uri: 'file:///w/Dockerfile', version: 7 });
});

test('a diagnostic that no longer matches the current text gets no fix', () => {
  const { model, diagnostics } = setup();
  const stale = { ...diagnostics.find((d) => d.code === 'unknown-stage')!, range: { start: { line: 4, character: 0 }, end: { line: 4, character: 3 } } };
  assert.deepEqual(computeCodeActions(model, stale.range, [stale], ['quickfix'], settings, {}), []);
  const foreign = { ...stale, source: 'dockerfile-utils', code: 10 };
  assert.deepEqual(computeCodeActions(model, stale.range, [foreign], undefined, settings, {}).filter((a) => a.kind === 'quickfix'), []);
});

test('source.fixAll applies every safe fix at once, and only those', () => {
  const { model } = setup();
  const whole = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
  const actions = computeCodeActions(model, whole, [], [FIX_ALL_KIND], settings, {});
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, FIX_ALL_KIND);
  const change = actions[0].edit!.documentChanges![0];
  assert.ok('textDocument' in change);
  const fixed = applyTextEdits(text, change.edits.filter((e) => 'range' in e));
  assert.equal(fixed, 'ARG V=1\nFROM alpine AS builder\nARG V\nRUN echo $V\nFROM alpine\nCOPY --from=biulder / /\n');
  assert.deepEqual(computeCodeActions(model, whole, [], ['source'], settings, {}).map((a) => a.kind), [FIX_ALL_KIND]);
  assert.deepEqual(computeCodeActions(model, whole, [], ['quickfix'], settings, {}), []);
  const clean = setup('FROM alpine AS a\n');
  assert.deepEqual(computeCodeActions(clean.model, whole, [], [FIX_ALL_KIND], settings, {}), []);
});

test('without a kind filter, quick fixes and refactors come together; fix-all only when asked for', () => {
  const { model, diagnostics } = setup();
  const at = diagnostics.find((d) => d.code === 'from-as-casing')!;
  const kinds = computeCodeActions(model, at.range, [at], undefined, settings, {}).map((a) => a.kind);
  assert.ok(kinds.includes('quickfix'));
  assert.ok(kinds.some((k) => k?.startsWith('refactor')));
  assert.ok(!kinds.includes(FIX_ALL_KIND));
  assert.ok(computeCodeActions(model, at.range, [at], [FIX_ALL_KIND], settings, {}).some((a) => a.kind === FIX_ALL_KIND));
  assert.ok(computeCodeActions(model, at.range, [at], ['source.fixAll'], settings, {}).some((a) => a.kind === FIX_ALL_KIND));
});

/** The input the server builds per document version (diagnostics computed once, reused). */
function inputOf(model: StageModel, context?: ContextFiles): CodeActionInput {
  return { model, analysis: analysisOf(model), settings, files: {}, diagnostics: computeDiagnostics({ model, settings, files: {} }), context };
}

const editOf = (action: CodeAction | CodeActionRefusal): TextEdit[] => {
  assert.ok(!isCodeActionRefusal(action), 'refused');
  const change = action.edit?.documentChanges?.[0];
  assert.ok(change && 'textDocument' in change, `'${action.title}' has no document edit`);
  return change.edits.filter((e): e is TextEdit => 'range' in e);
};

test('for a client that resolves, the list has no edits but data to resolve each action to the eager edit', () => {
  const { model, diagnostics } = setup();
  const typo = diagnostics.find((d) => d.code === 'unknown-stage')!;
  const query = { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, diagnostics: [typo], only: undefined };
  const input = inputOf(model);
  const lazy = listCodeActions(input, query, { lazy: true });
  const eager = listCodeActions(input, query, { lazy: false });
  assert.deepEqual(lazy.map((a) => [a.title, a.kind]), eager.map((a) => [a.title, a.kind]));
  assert.ok(lazy.length >= 2 && lazy.some((a) => a.kind === 'quickfix') && lazy.some((a) => a.kind?.startsWith('refactor')));
  for (const [i, action] of lazy.entries()) {
    assert.equal(action.edit, undefined);
    const data = action.data as CodeActionData;
    assert.equal(data.uri, model.uri);
    assert.equal(data.version, 7);
    assert.equal(typeof data.id, 'string');
    // The client sends the listed action back (JSON round trip); the edit is the eager one.
    const resolved = resolveCodeAction(input, JSON.parse(JSON.stringify(action)) as CodeAction);
    assert.deepEqual(editOf(resolved), editOf(eager[i]), action.title);
  }
});

test('a resolve for another document version is refused, not answered with edits', () => {
  const { model, diagnostics } = setup();
  const typo = diagnostics.find((d) => d.code === 'unknown-stage')!;
  const [fix] = listCodeActions(inputOf(model), { range: typo.range, diagnostics: [typo], only: ['quickfix'] }, { lazy: true });
  const edited = buildModel(text.replace('RUN echo $V', 'RUN echo $V $V'), model.uri, 8);
  const refused = resolveCodeAction(inputOf(edited), fix);
  assert.ok(isCodeActionRefusal(refused));
  assert.match(refused.error, /changed/);
  // Not ours (no data): given back as it came.
  const foreign = { title: 'other', kind: 'quickfix' };
  assert.equal(resolveCodeAction(inputOf(model), foreign), foreign);
});

test('fix-all is listed without an edit and computed on resolve, only when asked for', () => {
  const { model } = setup();
  const whole = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
  assert.deepEqual(listCodeActions(inputOf(model), { range: whole, diagnostics: [] }, { lazy: true }).filter((a) => a.kind === FIX_ALL_KIND), []);
  const [fixAll] = listCodeActions(inputOf(model), { range: whole, diagnostics: [], only: [FIX_ALL_KIND] }, { lazy: true });
  assert.equal(fixAll.kind, FIX_ALL_KIND);
  assert.equal(fixAll.edit, undefined);
  assert.equal(applyTextEdits(text, editOf(resolveCodeAction(inputOf(model), fixAll))), 'ARG V=1\nFROM alpine AS builder\nARG V\nRUN echo $V\nFROM alpine\nCOPY --from=biulder / /\n');
});

test('the list does not read the build context; resolving the refactor that needs it does', () => {
  // test-fixtures/refactors/extract-rust: the binary's name comes from Cargo.toml.
  const rust = 'FROM rust:1.79\nWORKDIR /usr/src/ripcat\nCOPY . .\nRUN cargo build --release --locked\nENTRYPOINT ["/usr/src/ripcat/target/release/ripcat"]\n';
  const model = buildModel(rust, 'file:///w/Dockerfile', 3);
  const read: string[] = [];
  const context: ContextFiles = { read: (p) => (read.push(p), p.endsWith('Cargo.toml') ? '[package]\nname = "ripcat"\nversion = "0.1.0"\n' : undefined) };
  const at = { start: { line: 3, character: 4 }, end: { line: 3, character: 4 } };
  const listed = listCodeActions(inputOf(model, context), { range: at, diagnostics: [] }, { lazy: true });
  const extract = listed.find((a) => a.title.startsWith('Extract builder stage'));
  assert.ok(extract, listed.map((a) => a.title).join(' | '));
  assert.deepEqual(read, []);
  const resolved = editOf(resolveCodeAction(inputOf(model, context), extract));
  assert.ok(read.length > 0);
  const eager = listCodeActions(inputOf(model, context), { range: at, diagnostics: [] }, { lazy: false }).find((a) => a.title.startsWith('Extract builder stage'))!;
  assert.deepEqual(resolved, editOf(eager), 'the resolved edit is the one sharpened by the build context');
});

test('edits are computed on one cached analysis per version and settings', (t) => {
  // Count the runs of one rule: the diagnostics are kept on the version's analysis.
  const rule = rules[0];
  const check = rule.check;
  let runs = 0;
  t.mock.method(rule, 'check', (...args: Parameters<typeof check>) => {
    runs++;
    return check.apply(rule, args);
  });
  const { model } = setup();
  const first = computeDiagnostics({ model, settings, files: {} });
  assert.deepEqual(computeDiagnostics({ model, settings, files: {}, analysis: analysisOf(model) }), first);
  assert.equal(runs, 1);
  computeDiagnostics({ model, settings: withDefaults({ rules: { 'from-as-casing': 'off' } }), files: {} });
  computeDiagnostics({ model: buildModel(text, model.uri, 8), settings, files: {} });
  assert.equal(runs, 3);
});

test('the edit builder refuses overlapping edits, drops no-ops and repeats, and a refactor that would overlap offers nothing', () => {
  const model = buildModel('FROM alpine AS a\nRUN true\n', 'file:///w/Dockerfile', 2);
  const line = (l: number, from: number, to: number) => ({ start: { line: l, character: from }, end: { line: l, character: to } });
  assert.throws(() => documentEdit(model, [{ range: line(0, 0, 6), newText: 'x' }, { range: line(0, 5, 8), newText: 'y' }]), OverlappingEditsError);
  // A replacement followed by an insertion at its start: a client sorts stably by start and rejects it.
  assert.throws(() => documentEdit(model, [{ range: line(0, 0, 4), newText: 'from' }, { range: line(0, 0, 0), newText: '# x\n' }]), OverlappingEditsError);
  const kept = documentEdit(model, [
    { range: line(0, 0, 0), newText: '# x\n' },
    { range: line(0, 0, 4), newText: 'from' },
    { range: line(0, 0, 4), newText: 'from' },
    { range: line(1, 0, 3), newText: 'RUN' },
  ]).documentChanges![0];
  assert.ok('edits' in kept);
  assert.deepEqual(kept.edits.map((e) => e.newText), ['# x\n', 'from']);
  const overlapping = { ...refactors[0], id: 'overlapping', actions: () => [{ title: 'bad', edit: documentEdit(model, [{ range: line(0, 0, 6), newText: 'x' }, { range: line(0, 5, 8), newText: 'y' }]) }] };
  assert.deepEqual(actionsOf(overlapping, { model, range: line(0, 0, 0), settings }), []);
});

test('Extract common base renumbers a --from=N inside the moved instructions in the new base (no overlapping edits)', () => {
  const before = 'FROM alpine AS a\nRUN make\nCOPY --from=2 /cfg /cfg\nRUN one\n\nFROM alpine AS b\nRUN make\nCOPY --from=2 /cfg /cfg\nRUN two\n\nFROM busybox AS cfg\nRUN echo > /cfg\nFROM scratch\nCOPY --from=2 / /\n';
  const model = buildModel(before, 'file:///w/Dockerfile', 1);
  const [action] = listCodeActions(inputOf(model), { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, diagnostics: [], only: ['refactor.extract'] }, { lazy: false }).filter((a) =>
    a.title.startsWith('Extract common base'),
  );
  assert.equal(
    applyTextEdits(before, editOf(action)),
    'FROM alpine AS base\nRUN make\nCOPY --from=3 /cfg /cfg\n\nFROM base AS a\nRUN one\n\nFROM base AS b\nRUN two\n\nFROM busybox AS cfg\nRUN echo > /cfg\nFROM scratch\nCOPY --from=3 / /\n',
  );
});

test('Ctrl+. offers "Fix all safe problems (N)" as a quick fix beside a fixable finding, and an ignore comment', () => {
  const { model, diagnostics } = setup();
  const casing = diagnostics.find((d) => d.code === 'from-as-casing')!;
  const actions = computeCodeActions(model, casing.range, [casing], ['quickfix'], settings, {});
  const titles = actions.map((a) => a.title);
  const fixAll = actions.find((a) => a.title.startsWith('Fix all safe problems'));
  assert.ok(fixAll, titles.join(' | '));
  assert.equal(fixAll.kind, 'quickfix');
  assert.match(fixAll.title, /^Fix all safe problems \([2-9]\)$/);
  const ignore = actions.find((a) => a.title === 'Ignore from-as-casing on this line')!;
  const change = ignore.edit!.documentChanges![0];
  assert.ok('textDocument' in change);
  assert.equal(applyTextEdits(text, change.edits.filter((e) => 'range' in e)), text.replace('FROM alpine as Builder', '# dockerfile-stages ignore=from-as-casing\nFROM alpine as Builder'));
  // The comment does silence the finding.
  const after = buildModel(text.replace('FROM alpine as Builder', '# dockerfile-stages ignore=from-as-casing\nFROM alpine as Builder'), 'file:///w/Dockerfile', 8);
  assert.ok(!computeDiagnostics({ model: after, settings, files: {} }).some((d) => d.code === 'from-as-casing'));
});

test('one action per title: no two actions share a title or an edit (Extract builder stage, Remove stage)', async () => {
  const { readFileSync } = await import('node:fs');
  const path = await import('node:path');
  for (const fixture of ['single-stage-go.Dockerfile', 'mistakes/unused-stage.Dockerfile', 'go-service.Dockerfile', 'node-web.Dockerfile']) {
    const t = readFileSync(path.join(__dirname, '..', '..', 'test-fixtures', fixture), 'utf8');
    const model = buildModel(t, 'file:///w/Dockerfile', 1);
    const diagnostics = computeDiagnostics({ model, settings, files: {} });
    const lines = t.split('\n').length;
    for (let line = 0; line < lines; line++) {
      const range = { start: { line, character: 0 }, end: { line, character: 0 } };
      const here = diagnostics.filter((d) => d.range.start.line <= line && line <= d.range.end.line);
      const titles = computeCodeActions(model, range, here, undefined, settings, {}).map((a) => a.title);
      assert.deepEqual(titles.filter((x, i) => titles.indexOf(x) !== i), [], `${fixture}:${line + 1}: ${titles.join(' | ')}`);
    }
  }
});
