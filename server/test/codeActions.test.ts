import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCodeActions, FIX_ALL_KIND } from '../src/service/codeActions';
import { computeDiagnostics } from '../src/service/diagnostics';
import { buildModel } from '../src/service/model';
import { applyTextEdits } from '../src/service/refactors/edits';
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
  assert.deepEqual(actions.map((a) => [a.title, a.kind]), [["Change to 'Builder'", 'quickfix']]);
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
