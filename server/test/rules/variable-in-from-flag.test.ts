import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, assertSays, diagnosticsOf, fixesOf, fmt, rangeOf } from './ruleTestKit';

const text = 'FROM alpine AS builder-alpine\nFROM alpine\nARG BUILDER=builder-alpine\nCOPY --from=${BUILDER} /a /a\nRUN --mount=from=$BUILDER,target=/m true\n';

test('variable-in-from-flag: $VAR in --from and from= is an error', () => {
  const ds = diagnosticsOf('variable-in-from-flag', text);
  assert.deepEqual(ds.map((d) => [fmt(d.range), d.severity]), [
    [fmt(rangeOf(text, '${BUILDER}')), 1],
    [fmt(rangeOf(text, '$BUILDER,')).replace(/:(\d+)$/, (_m, c) => `:${Number(c) - 1}`), 1],
  ]);
  assertSays(ds[0], 'notExpanded', { flag: '--from', value: '${BUILDER}', stage: 'builder-alpine' });
});

test('variable-in-from-flag: FROM ${VAR} (which BuildKit expands) is silent', () => {
  assertClean('ARG V=a\nFROM alpine AS a\nFROM ${V} AS chosen\nFROM alpine\nCOPY --from=chosen / /\n', ['variable-in-from-flag']);
});

test('variable-in-from-flag: the fix uses the stage the ARG default names; the result is clean', () => {
  assert.deepEqual(fixesOf('variable-in-from-flag', text).map((f) => f.title), ["Change to 'builder-alpine' (the ARG's default)"]);
  const fixed = applyFix('variable-in-from-flag', text);
  assert.match(fixed, /COPY --from=builder-alpine \/a \/a/);
  assert.equal(diagnosticsOf('variable-in-from-flag', fixed).length, 1);
});
