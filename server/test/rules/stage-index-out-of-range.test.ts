import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, diagnosticsOf, fmt, rangeOf } from './ruleTestKit';

test('stage-index-out-of-range: --from=N past the last stage, and negative indexes, are errors', () => {
  const text = 'FROM alpine\nFROM alpine\nCOPY --from=5 /a /a\nCOPY --from=-1 /b /b\n';
  const ds = diagnosticsOf('stage-index-out-of-range', text);
  assert.deepEqual(ds.map((d) => [fmt(d.range), d.severity]), [
    [fmt(rangeOf(text, '5')), 1],
    [fmt(rangeOf(text, '-1')), 1],
  ]);
  assert.equal(ds[0].message, '--from=5: there is no stage 5 (this Dockerfile has 2 stages, only 0 is valid here); BuildKit fails with "invalid stage index". Refer to an earlier stage by name.');
});

test('stage-index-out-of-range: valid indexes and mount from= values stay silent', () => {
  assertClean('FROM alpine\nFROM alpine\nCOPY --from=0 /a /a\nRUN --mount=from=5,target=/m true\n', ['stage-index-out-of-range']);
});
