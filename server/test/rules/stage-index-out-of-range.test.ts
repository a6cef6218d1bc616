import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, assertSays, diagnosticsOf, fmt, rangeOf } from './ruleTestKit';

test('stage-index-out-of-range: --from=N past the last stage, and negative indexes, are errors', () => {
  const text = 'FROM alpine\nFROM alpine\nCOPY --from=5 /a /a\nCOPY --from=-1 /b /b\n';
  const ds = diagnosticsOf('stage-index-out-of-range', text);
  assert.deepEqual(ds.map((d) => [fmt(d.range), d.severity]), [
    [fmt(rangeOf(text, '5')), 1],
    [fmt(rangeOf(text, '-1')), 1],
  ]);
  assertSays(ds[0], 'onlyZero', { value: '5', count: '2 stages' });
});

test('stage-index-out-of-range: valid indexes and mount from= values stay silent', () => {
  assertClean('FROM alpine\nFROM alpine\nCOPY --from=0 /a /a\nRUN --mount=from=5,target=/m true\n', ['stage-index-out-of-range']);
});
