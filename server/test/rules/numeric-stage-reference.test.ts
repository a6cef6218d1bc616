import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, diagnosticsOf, fixesOf, fmt, rangeOf } from './ruleTestKit';

const text = 'FROM golang:1.22\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=0 /app /app\n';

test('numeric-stage-reference: --from=N is a hint naming the stage', () => {
  const [d] = diagnosticsOf('numeric-stage-reference', text);
  assert.equal(fmt(d.range), fmt(rangeOf(text, '0 /app')).replace(/-3:\d+$/, '-3:13'));
  assert.equal(d.severity, 4);
  assert.equal(d.message, '--from=0 refers to stage 0 by position: it changes meaning when stages are added or removed above it. Name the stage (AS <name>) and use the name.');
  const named = 'FROM alpine AS base\nFROM alpine\nCOPY --from=0 / /\n';
  assert.match(diagnosticsOf('numeric-stage-reference', named)[0].message, /refers to stage 'base' by position.*Use --from=base\./);
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
