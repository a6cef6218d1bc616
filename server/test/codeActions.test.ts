import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCodeActions, FIX_ALL_KIND } from '../src/service/codeActions';
import { computeDiagnostics } from '../src/service/diagnostics';
import { buildModel } from '../src/service/model';
import { applyTextEdits } from '../src/service/refactors/edits';
import { withDefaults } from '../src/service/settings';

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

test('without a kind filter, quick fixes, refactors and fix-all come together', () => {
  const { model, diagnostics } = setup();
  const at = diagnostics.find((d) => d.code === 'from-as-casing')!;
  const kinds = computeCodeActions(model, at.range, [at], undefined, settings, {}).map((a) => a.kind);
  assert.ok(kinds.includes('quickfix'));
  assert.ok(kinds.includes(FIX_ALL_KIND));
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
