import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, assertFindings, assertSays, diagnosticsOf, fixesOf, fmt, rangeOf, saysOf } from './ruleTestKit';

const typo = 'FROM golang:1.22 AS builder\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=biulder /app /app\n';

test('unknown-stage: a mistyped --from fires with a suggestion', () => {
  const [d] = diagnosticsOf('unknown-stage', typo);
  assert.equal(fmt(d.range), fmt(rangeOf(typo, 'biulder')));
  assertSays(d, 'didYouMean', { value: 'biulder', where: '--from', suggestion: "'builder'", candidates: ['builder'] });
  assert.equal(d.severity, 2);
  assert.equal(d.source, 'dockerfile-stages');
  assert.match(d.codeDescription?.href ?? '', /docs\/rules\/unknown-stage\.md$/);
  assert.deepEqual(d.relatedInformation?.map((r) => fmt(r.location.range)), [fmt(rangeOf(typo, 'builder'))]);
});

test('unknown-stage: from= in a mount and FROM are checked too; prefixes count', () => {
  const text = 'FROM alpine AS deps-dl\nFROM alpine AS builder\nRUN --mount=from=deps,target=/d true\nFROM build\n';
  assert.deepEqual(saysOf('unknown-stage', text, ['value', 'where', 'candidates']), [
    `${fmt(rangeOf(text, 'deps', 2))} didYouMean {"value":"deps","where":"from=","candidates":["deps-dl"]}`,
    `${fmt(rangeOf(text, 'build', 2))} didYouMean {"value":"build","where":"FROM","candidates":["builder"]}`,
  ]);
});

test('unknown-stage: images, official images, variables, far names and later stages stay silent', () => {
  const text = [
    'FROM alpine AS builder',
    'FROM alpine',
    'COPY --from=nginx /etc/nginx /etc/nginx',
    'COPY --from=nginx:1.27 /a /b',
    'COPY --from=docker/buildx-bin /buildx /usr/libexec/docker/cli-plugins/docker-buildx',
    'COPY --from=ghcr.io/org/tool@sha256:abc /t /t',
    'COPY --from=busybox /bin/busybox /bin/busybox',
    'COPY --from=my-local-image /x /x',
    'COPY --from=$STAGE /x /x',
    'FROM scratch AS scratch',
    'COPY --from=scratch / /',
  ].join('\n');
  assertClean(text, ['unknown-stage']);
});

test('unknown-stage: the fix changes the value to the stage, and the result is clean', () => {
  const fixes = fixesOf('unknown-stage', typo);
  assert.deepEqual(fixes.map((f) => [f.title, f.isPreferred]), [["Change to 'builder'", true]]);
  const fixed = applyFix('unknown-stage', typo, "Change to 'builder'");
  assert.equal(fixed, typo.replace('biulder', 'builder'));
  assertClean(fixed);
});

test('unknown-stage: several candidates are offered best first and none is preferred', () => {
  const text = 'FROM alpine AS app1\nFROM alpine AS app2\nFROM alpine\nCOPY --from=app3 / /\n';
  assert.deepEqual(fixesOf('unknown-stage', text).map((f) => [f.title, !!f.isPreferred]), [["Change to 'app1'", false], ["Change to 'app2'", false]]);
});

test('unknown-stage: marked up (markers.ts notation)', () => {
  assertFindings(`
FROM golang:1.22 AS builder
FROM alpine AS deps-dl
FROM alpine
RUN --mount=from=deps,target=/d true
                 ^^^^ unknown-stage
COPY --from=biulder /app /app
            ^^^^^^^ unknown-stage
COPY --from=nginx:1.27 /etc/nginx /etc/nginx
`);
});
