import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticTag } from 'vscode-languageserver-types';
import { applyFix, assertClean, assertFindings, assertSays, diagnosticsOf, fixesOf, fmt, rangeOf } from './ruleTestKit';

const text = 'FROM alpine AS deps\nRUN echo d > /d\nFROM alpine AS test\nCOPY --from=deps /d /d\nFROM alpine AS old\nRUN true\nFROM alpine AS final\nCOPY --from=deps /d /d\n';

test('unreachable-stage: stages the target does not need are faded hints, never warnings by default', () => {
  const ds = diagnosticsOf('unreachable-stage', text);
  assert.deepEqual(ds.map((d) => [fmt(d.range), d.severity, d.tags]), [
    [fmt({ start: rangeOf(text, 'FROM alpine AS test').start, end: rangeOf(text, 'FROM alpine AS test').end }), 4, [DiagnosticTag.Unnecessary]],
    [fmt({ start: rangeOf(text, 'FROM alpine AS old').start, end: rangeOf(text, 'FROM alpine AS old').end }), 4, [DiagnosticTag.Unnecessary]],
  ]);
  assertSays(ds[0], 'unused', { stage: 1, label: 'test', how: "the default build target (the last stage, stage 'final')" });
});

test('unreachable-stage: the target setting decides; a configured severity makes them real problems', () => {
  const ds = diagnosticsOf('unreachable-stage', text, { settings: { target: 'TEST', rules: { 'unreachable-stage': 'warning' } } });
  assert.deepEqual(ds.map((d) => [d.range.start.line, d.severity]), [[4, 2], [6, 2]]);
  assertSays(ds[0], 'unused', { label: 'old', how: "the build target, stage 'test'" });
  const user = 'FROM alpine AS lib\nFROM alpine AS leaf\nCOPY --from=lib / /\nFROM alpine\n';
  assertSays(diagnosticsOf('unreachable-stage', user)[0], 'onlyUsedBy', { label: 'lib', users: "stage 'leaf' uses" });
  assert.deepEqual(diagnosticsOf('unreachable-stage', text, { settings: { target: 'nope' } }), []);
});

test('unreachable-stage: stages an ARG may select, and single-stage files, stay silent', () => {
  const argSelected = 'ARG VARIANT=alpine\nFROM alpine AS base-alpine\nFROM debian AS base-debian\nFROM base-${VARIANT} AS final\n';
  assertClean(argSelected, ['unreachable-stage']);
  assertClean('FROM alpine\nRUN true\n', ['unreachable-stage']);
  assertClean('FROM scratch AS scratch\nFROM alpine\nCOPY --from=scratch / /\n', ['unreachable-stage']);
});

test('unreachable-stage: the fix removes the stage; the result is clean', () => {
  assert.deepEqual(fixesOf('unreachable-stage', text, {}, 1).map((f) => f.title), ["Remove stage 'old'"]);
  const leafOnly = 'FROM alpine AS deps\nRUN echo d > /d\nFROM alpine AS old\nRUN true\nFROM alpine AS final\nCOPY --from=deps /d /d\n';
  const fixed = applyFix('unreachable-stage', leafOnly);
  assert.doesNotMatch(fixed, /AS old/);
  assert.deepEqual(diagnosticsOf('unreachable-stage', fixed), []);
  assertClean(fixed);
});

test('unreachable-stage: marked up; an ARG-selected stage is needed, the others are faded', () => {
  const [d] = assertFindings(`
ARG VARIANT=a
FROM alpine AS base-a
FROM debian AS base-b
FROM alpine AS lint
^^^^^^^^^^^^^^^^^^^ unreachable-stage
FROM base-\${VARIANT} AS final
`);
  assertSays(d, 'unused', { stage: 2, label: 'lint' });
});
