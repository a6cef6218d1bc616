import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, assertSays, diagnosticsOf, fixesOf, fmt, rangeOf } from './ruleTestKit';

const text = 'FROM debian:bookworm-slim\nRUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz\nRUN tar -xzf /tmp/tool.tgz -C /opt && rm /tmp/tool.tgz\n';

test('removed-in-later-layer: a download deleted in a later RUN', () => {
  const [d] = diagnosticsOf('removed-in-later-layer', text);
  assert.equal(fmt(d.range), fmt(rangeOf(text, '/tmp/tool.tgz', 3)));
  assert.equal(d.severity, 3);
  assertSays(d, 'deletedLaterRun', { path: '/tmp/tool.tgz', how: 'downloaded by curl', line: 2 });
  assert.deepEqual(d.relatedInformation?.map((r) => r.location.range.start.line), [1]);
});

test('removed-in-later-layer: COPY then rm, relative to WORKDIR, and removal of the parent folder', () => {
  const copy = 'FROM alpine\nWORKDIR /setup\nCOPY installer.sh .\nRUN sh installer.sh\nRUN rm -rf /setup\n';
  assertSays(diagnosticsOf('removed-in-later-layer', copy)[0], 'deletedLaterCopy', { path: '/setup/installer.sh', how: 'added by COPY', line: 3 });
});

test('removed-in-later-layer: same-RUN cleanup, builder stages, globs and unknown paths are silent', () => {
  const cases = [
    'FROM alpine\nRUN curl -o /tmp/a.tgz https://x/a.tgz && tar -xzf /tmp/a.tgz && rm /tmp/a.tgz',
    'FROM alpine AS build\nCOPY a.tgz /tmp/\nRUN rm /tmp/a.tgz\nFROM alpine\nCOPY --from=build /tmp /tmp',
    'FROM alpine\nCOPY a.tgz /tmp/\nRUN rm /tmp/*.tgz',
    'FROM alpine\nCOPY a.sh ./\nRUN rm a.sh',
    'FROM alpine\nADD app.tar.gz /opt/\nRUN rm -rf /opt/app.tar.gz',
    'FROM alpine\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*',
  ];
  for (const c of cases) assertClean(c + '\n', ['removed-in-later-layer']);
});

test('removed-in-later-layer: the fix merges adjacent RUNs; the result is clean', () => {
  assert.deepEqual(fixesOf('removed-in-later-layer', text).map((f) => f.title), ['Merge into the previous RUN']);
  const fixed = applyFix('removed-in-later-layer', text);
  assert.equal(fixed, 'FROM debian:bookworm-slim\nRUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz \\\n && tar -xzf /tmp/tool.tgz -C /opt && rm /tmp/tool.tgz\n');
  assertClean(fixed);
  const apart = 'FROM alpine\nCOPY a.bin /tmp/a.bin\nRUN rm /tmp/a.bin\n';
  assert.deepEqual(fixesOf('removed-in-later-layer', apart), []);
});
