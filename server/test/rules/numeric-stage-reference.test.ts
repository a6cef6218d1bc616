import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, assertSays, diagnosticsOf, fixesOf, fmt, rangeOf } from './ruleTestKit';

const text = 'FROM golang:1.22\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=0 /app /app\n';

test('numeric-stage-reference: --from=N is a hint naming the stage', () => {
  const [d] = diagnosticsOf('numeric-stage-reference', text);
  assert.equal(fmt(d.range), fmt(rangeOf(text, '0 /app')).replace(/-3:\d+$/, '-3:13'));
  assert.equal(d.severity, 4);
  assertSays(d, 'unnamedByPosition', { value: '0', stage: 0 });
  const named = 'FROM alpine AS base\nFROM alpine\nCOPY --from=0 / /\n';
  assertSays(diagnosticsOf('numeric-stage-reference', named)[0], 'byPosition', { value: '0', name: 'base', stage: 0 });
});

test('numeric-stage-reference: names are silent', () => {
  assertClean('FROM alpine AS base\nFROM alpine\nCOPY --from=base / /\n', ['numeric-stage-reference']);
});

test('numeric-stage-reference: the fix names the stage and rewrites the reference; the result is clean', () => {
  assert.deepEqual(fixesOf('numeric-stage-reference', text).map((f) => f.title), ['Name stage 0 and use the name']);
  const fixed = applyFix('numeric-stage-reference', text);
  assert.match(fixed, /^FROM golang:1\.22 AS [a-z][a-z0-9-]*\n/);
  assert.doesNotMatch(fixed, /--from=0/);
  assertClean(fixed, ['numeric-stage-reference', 'unknown-stage', 'stage-order']);
});
