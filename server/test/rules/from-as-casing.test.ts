import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, diagnosticsOf, fmt, rangeOf } from './ruleTestKit';

test('from-as-casing: FROM … as and from … AS are warnings', () => {
  const text = 'FROM alpine as base\nfrom alpine AS other\n';
  const ds = diagnosticsOf('from-as-casing', text);
  assert.deepEqual(ds.map((d) => [fmt(d.range), d.message]), [
    [fmt(rangeOf(text, 'as')), "'as' and 'FROM' keywords' casing do not match: write 'AS'."],
    [fmt(rangeOf(text, 'AS')), "'AS' and 'from' keywords' casing do not match: write 'as'."],
  ]);
});

test('from-as-casing: matching casing is silent', () => {
  assertClean('FROM alpine AS base\nfrom alpine as other\n', ['from-as-casing']);
});

test('from-as-casing: the fix matches the FROM casing; the result is clean', () => {
  const fixed = applyFix('from-as-casing', 'FROM alpine as base\n');
  assert.equal(fixed, 'FROM alpine AS base\n');
  assertClean(fixed);
});
