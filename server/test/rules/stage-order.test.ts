import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, assertSays, diagnosticsOf, fixesOf, fmt, rangeOf, saysOf } from './ruleTestKit';

test('stage-order: COPY --from and mount from= naming a later stage, by name or index, are errors', () => {
  const text = 'FROM alpine AS first\nCOPY --from=later /a /a\nRUN --mount=from=1,target=/m true\nFROM alpine AS later\n';
  assert.deepEqual(saysOf('stage-order', text, ['stage', 'user', 'line', 'stageRef']), [
    `${fmt(rangeOf(text, 'later', 1))} later {"stage":1,"user":0,"line":4,"stageRef":"stage 'later'"}`,
  ]);
  const copyIndex = 'FROM alpine AS first\nCOPY --from=1 /a /a\nFROM alpine AS later\n';
  assert.deepEqual(diagnosticsOf('stage-order', copyIndex).map((d) => [fmt(d.range), d.severity]), [[fmt(rangeOf(copyIndex, '1 /a')).replace(/-1:\d+$/, '-1:13'), 1]]);
});

test('stage-order: a stage using itself is a cycle', () => {
  const text = 'FROM alpine AS self\nCOPY --from=self /a /b\n';
  const [d] = diagnosticsOf('stage-order', text);
  assert.equal(fmt(d.range), fmt(rangeOf(text, 'self', 2)));
  assertSays(d, 'itself', { stage: 0, user: 0, Stage: "Stage 'self'" });
  assert.deepEqual(d.relatedInformation?.map((r) => fmt(r.location.range)), [fmt(rangeOf(text, 'self'))]);
});

test('stage-order: FROM a later stage is pulled as an image', () => {
  const text = 'FROM later AS first\nFROM alpine AS later\n';
  const [d] = diagnosticsOf('stage-order', text);
  assert.equal(fmt(d.range), fmt(rangeOf(text, 'later')));
  assertSays(d, 'fromLater', { stage: 1, user: 0, line: 2, value: 'later', stageRef: "stage 'later'" });
});

test('stage-order: earlier stages, FROM <image> AS <same name> and FROM scratch AS scratch are fine', () => {
  assertClean('FROM alpine AS a\nFROM a AS b\nCOPY --from=a / /\nCOPY --from=0 / /\nFROM node AS node\nFROM scratch AS scratch\nFROM alpine\nCOPY --from=scratch / /\n', ['stage-order']);
});

test('stage-order: the fix moves the later stage (with its comment) above its user, renumbering --from=N', () => {
  const text = [
    'FROM node:20-alpine AS web',
    'RUN npm ci',
    '',
    'FROM nginx:1.27-alpine AS runtime',
    'COPY --from=web /web/dist /usr/share/nginx/html',
    'COPY --from=config /out/default.conf /etc/nginx/conf.d/default.conf',
    'COPY --from=2 /out/security.conf /etc/nginx/security.conf',
    '',
    '# config renders the nginx configuration.',
    'FROM alpine:3.20 AS config',
    'RUN mkdir -p /out && touch /out/default.conf /out/security.conf',
    '',
  ].join('\n');
  const fixes = fixesOf('stage-order', text);
  assert.deepEqual(fixes.map((f) => f.title), ["Move stage 'config' above stage 'runtime'"]);
  const fixed = applyFix('stage-order', text);
  assert.equal(fixed, [
    'FROM node:20-alpine AS web',
    'RUN npm ci',
    '',
    '# config renders the nginx configuration.',
    'FROM alpine:3.20 AS config',
    'RUN mkdir -p /out && touch /out/default.conf /out/security.conf',
    '',
    'FROM nginx:1.27-alpine AS runtime',
    'COPY --from=web /web/dist /usr/share/nginx/html',
    'COPY --from=config /out/default.conf /etc/nginx/conf.d/default.conf',
    'COPY --from=1 /out/security.conf /etc/nginx/security.conf',
    '',
  ].join('\n'));
  assertClean(fixed);
});

test('stage-order: no move when the later stage needs a stage at or below its user', () => {
  const text = 'FROM alpine AS a\nCOPY --from=b / /\nFROM alpine AS mid\nFROM mid AS b\n';
  assert.deepEqual(fixesOf('stage-order', text), []);
});
