import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, assertSays, diagnosticsOf, fixesOf, fmt, rangeOf } from './ruleTestKit';

const text = 'FROM alpine AS app\nRUN echo 1\nFROM alpine AS App\nRUN echo 2\nFROM alpine\nCOPY --from=app / /\n';

test('duplicate-stage-name: an error on each duplicate (case-insensitive), related to the others', () => {
  const ds = diagnosticsOf('duplicate-stage-name', text);
  assert.deepEqual(ds.map((d) => [fmt(d.range), d.severity]), [[fmt(rangeOf(text, 'app')), 1], [fmt(rangeOf(text, 'App')), 1]]);
  assertSays(ds[0], 'duplicate', { name: 'app', lines: 'line 3' });
  assert.deepEqual(ds[0].relatedInformation?.map((r) => fmt(r.location.range)), [fmt(rangeOf(text, 'App'))]);
  assert.deepEqual(ds[1].relatedInformation?.map((r) => fmt(r.location.range)), [fmt(rangeOf(text, 'app'))]);
});

test('duplicate-stage-name: unique names are silent', () => {
  assertClean('FROM alpine AS app\nFROM alpine AS app2\n', ['duplicate-stage-name']);
});

test('duplicate-stage-name: renaming one duplicate keeps what references point at and clears the error', () => {
  assert.deepEqual(fixesOf('duplicate-stage-name', text).map((f) => f.title), ["Rename stage to 'app-2'"]);
  const fixed = applyFix('duplicate-stage-name', text);
  assert.equal(fixed, text.replace('AS app', 'AS app-2'));
  assertClean(fixed, ['duplicate-stage-name']);
});
