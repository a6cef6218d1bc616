import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, assertSays, diagnosticsOf, fixesOf, fmt, rangeOf } from './ruleTestKit';

const text = 'FROM alpine AS app\nRUN echo 1\nFROM alpine AS App\nRUN echo 2\nFROM alpine\nCOPY --from=app / /\n';

test('duplicate-stage-name: a warning on each later declaration only (BuildKit DuplicateStageName), related to the earlier one', () => {
  const ds = diagnosticsOf('duplicate-stage-name', text);
  assert.deepEqual(ds.map((d) => [fmt(d.range), d.severity]), [[fmt(rangeOf(text, 'App')), 2]]);
  assertSays(ds[0], 'duplicate', { name: 'App', lines: 'line 1' });
  assert.equal((ds[0].data as { buildkitCheck?: string }).buildkitCheck, 'DuplicateStageName');
  assert.deepEqual(ds[0].relatedInformation?.map((r) => fmt(r.location.range)), [fmt(rangeOf(text, 'app'))]);
});

test('duplicate-stage-name: three declarations, two warnings; # check=skip=DuplicateStageName silences it', () => {
  const three = 'FROM a AS x\nFROM b AS x\nFROM c AS X\n';
  assert.deepEqual(diagnosticsOf('duplicate-stage-name', three).map((d) => d.range.start.line), [1, 2]);
  assertClean('# check=skip=DuplicateStageName\n' + three, ['duplicate-stage-name']);
});

test('duplicate-stage-name: unique names are silent', () => {
  assertClean('FROM alpine AS app\nFROM alpine AS app2\n', ['duplicate-stage-name']);
});

test('duplicate-stage-name: renaming one duplicate keeps what references point at and clears the error', () => {
  assert.deepEqual(fixesOf('duplicate-stage-name', text).map((f) => f.title), ["Rename stage to 'app-2'"]);
  const fixed = applyFix('duplicate-stage-name', text);
  // The later stage is the one `--from=app` resolves to: it and its reference are renamed together.
  assert.equal(fixed, text.replace('AS App', 'AS app-2').replace('--from=app', '--from=app-2'));
  assertClean(fixed, ['duplicate-stage-name']);
});
