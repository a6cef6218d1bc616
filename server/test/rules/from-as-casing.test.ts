import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, assertSays, diagnosticsOf, fmt, rangeOf } from './ruleTestKit';

test('from-as-casing: FROM … as and from … AS are warnings', () => {
  const text = 'FROM alpine as base\nfrom alpine AS other\n';
  const ds = diagnosticsOf('from-as-casing', text);
  assert.deepEqual(ds.map((d) => fmt(d.range)), [fmt(rangeOf(text, 'as')), fmt(rangeOf(text, 'AS'))]);
  assertSays(ds[0], 'mismatch', { written: 'as', from: 'FROM', expected: 'AS' });
  assertSays(ds[1], 'mismatch', { written: 'AS', from: 'from', expected: 'as' });
});

test('from-as-casing: matching casing is silent', () => {
  assertClean('FROM alpine AS base\nfrom alpine as other\n', ['from-as-casing']);
});

test('from-as-casing: the fix matches the FROM casing; the result is clean', () => {
  const fixed = applyFix('from-as-casing', 'FROM alpine as base\n');
  assert.equal(fixed, 'FROM alpine AS base\n');
  assertClean(fixed);
});
