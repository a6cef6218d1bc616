import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, assertSays, diagnosticsOf, fmt, rangeOf } from './ruleTestKit';

const text = 'FROM alpine AS context\nRUN echo x > /x\nFROM alpine\nCOPY --from=context /x /x\n';

test("reserved-stage-name: 'context' and 'scratch' (on another base) are reported", () => {
  const [d] = diagnosticsOf('reserved-stage-name', text);
  assert.equal(fmt(d.range), fmt(rangeOf(text, 'context')));
  assert.equal(d.severity, 2);
  assertSays(d, 'context', { name: 'context' });
  const scratch = 'FROM alpine AS scratch\nFROM scratch\n';
  assertSays(diagnosticsOf('reserved-stage-name', scratch)[0], 'scratch', { name: 'scratch' });
});

test('reserved-stage-name: FROM scratch AS scratch is reported too, as BuildKit does (its ReservedStageName test)', () => {
  const ds = diagnosticsOf('reserved-stage-name', 'FROM scratch AS scratch\nFROM alpine AS build\nRUN true\nFROM scratch\nCOPY --from=build / /\n');
  assert.deepEqual(ds.map((d) => [d.range.start.line, (d.data as { buildkitCheck?: string }).buildkitCheck]), [[0, 'ReservedStageName']]);
});

test('reserved-stage-name: the fix renames the stage and its references', () => {
  const fixed = applyFix('reserved-stage-name', text);
  assert.equal(fixed, text.replace('AS context', 'AS context-stage').replace('--from=context', '--from=context-stage'));
  assertClean(fixed, ['reserved-stage-name']);
});
