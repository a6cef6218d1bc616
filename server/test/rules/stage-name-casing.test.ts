import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, assertSays, diagnosticsOf, fixesOf, fmt, rangeOf } from './ruleTestKit';

const text = 'FROM alpine AS Builder\nFROM alpine\nCOPY --from=BUILDER / /\n';

test('stage-name-casing: capitals in a stage name are a warning', () => {
  const [d] = diagnosticsOf('stage-name-casing', text);
  assert.equal(fmt(d.range), fmt(rangeOf(text, 'Builder')));
  assert.equal(d.severity, 2);
  assertSays(d, 'definition', { name: 'Builder', lowercase: 'builder' });
});

test('stage-name-casing: lowercase names are silent', () => {
  assertClean('FROM alpine AS builder\n', ['stage-name-casing']);
});

test('stage-name-casing: the (safe) fix renames the stage and every reference', () => {
  assert.equal(fixesOf('stage-name-casing', text)[0].isPreferred, true);
  const fixed = applyFix('stage-name-casing', text);
  assert.equal(fixed, 'FROM alpine AS builder\nFROM alpine\nCOPY --from=builder / /\n');
  assertClean(fixed);
});

test('stage-name-casing: FROM <Stage> with capitals is reported and fixed to lowercase', () => {
  const from = 'FROM alpine AS builder\nFROM Builder\n';
  const [d] = diagnosticsOf('stage-name-casing', from);
  assert.equal(fmt(d.range), fmt(rangeOf(from, 'Builder')));
  assertSays(d, 'reference', { value: 'Builder', lower: 'builder' });
  const fixed = applyFix('stage-name-casing', from);
  assert.equal(fixed, 'FROM alpine AS builder\nFROM builder\n');
  assertClean(fixed);
  assertClean('FROM alpine AS builder\nFROM builder\nFROM golang AS go\n', ['stage-name-casing']);
});

test('stage-name-casing: no fix when another stage already has the lowercase name (it would leave two stages of one name)', () => {
  const dup = 'FROM alpine AS Builder\nRUN true\nFROM alpine AS builder\nRUN true\nFROM alpine\nCOPY --from=builder /x /x\n';
  assert.equal(diagnosticsOf('stage-name-casing', dup).length, 1);
  assert.deepEqual(fixesOf('stage-name-casing', dup), []);
});
