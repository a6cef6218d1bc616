import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, assertSays, diagnosticsOf, fmt, rangeOf } from './ruleTestKit';

const text = 'FROM alpine AS 2-build\nFROM alpine\nCOPY --from=2-build / /\n';

test('invalid-stage-name: a name BuildKit rejects is an error with a valid suggestion', () => {
  const [d] = diagnosticsOf('invalid-stage-name', text);
  assert.equal(fmt(d.range), fmt(rangeOf(text, '2-build')));
  assert.equal(d.severity, 1);
  assertSays(d, 'invalid', { name: '2-build', rename: 'build' });
});

test('invalid-stage-name: valid names (any case, dots, underscores) are silent', () => {
  assertClean('FROM alpine AS a.b_c-1\nFROM alpine AS Build\n', ['invalid-stage-name']);
});

test('invalid-stage-name: the fix renames the stage and its references; the result is clean', () => {
  const fixed = applyFix('invalid-stage-name', text);
  assert.equal(fixed, 'FROM alpine AS build\nFROM alpine\nCOPY --from=build / /\n');
  assertClean(fixed);
});
