import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, assertSays, diagnosticsOf, fmt, rangeOf } from './ruleTestKit';

test('copy-from-empty-stage: COPY --from a FROM scratch stage that adds nothing', () => {
  const text = 'FROM scratch AS empty\nLABEL x=y\nFROM empty AS still-empty\nFROM alpine\nCOPY --from=still-empty /a /a\n';
  const [d] = diagnosticsOf('copy-from-empty-stage', text);
  assert.equal(fmt(d.range), fmt(rangeOf(text, 'still-empty', 2)));
  assert.equal(d.severity, 2);
  assertSays(d, 'emptyStage', { stage: 1, Stage: "Stage 'still-empty'", stageRef: "stage 'still-empty'" });
});

test('copy-from-empty-stage: scratch stages that add files, image stages and mounts are silent', () => {
  assertClean('FROM alpine AS b\nRUN echo > /x\nFROM scratch AS out\nCOPY --from=b /x /x\nFROM scratch AS e\nFROM alpine\nCOPY --from=out /x /x\nRUN --mount=from=e,target=/m true\nFROM scratch AS scratch\nFROM alpine\n', ['copy-from-empty-stage']);
  const argSelected = 'ARG FROM_SOURCE=false\nFROM alpine AS build\nRUN echo > /bin/tool\nFROM scratch AS tool-false\nFROM scratch AS tool-true\nCOPY --from=build /bin/tool /tool\nFROM tool-${FROM_SOURCE} AS tool\nFROM alpine\nCOPY --from=tool /tool /usr/bin/tool\n';
  assertClean(argSelected, ['copy-from-empty-stage']);
  assertClean('FROM scratch AS maybe\nFROM alpine\nCOPY --from=maybe / /usr/bin/\n', ['copy-from-empty-stage']);
});
