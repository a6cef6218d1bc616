import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, assertSays, diagnosticsOf } from './ruleTestKit';

test('no-build-stage: comments only, or global ARGs only, is reported on the first of them (the build fails)', () => {
  const comments = diagnosticsOf('no-build-stage', '\n# nothing yet\n# still nothing\n');
  assert.deepEqual(comments.map((d) => d.range.start.line), [1]);
  assert.equal(comments[0].severity, 1);
  assertSays(comments[0], 'noStage', {});
  assert.deepEqual(diagnosticsOf('no-build-stage', '# the version\nARG VERSION=1\n').map((d) => d.range.start.line), [1]);
});

test('no-build-stage: an empty file (one being started) and any file with a FROM are silent', () => {
  assertClean('', ['no-build-stage']);
  assertClean('\n  \n', ['no-build-stage']);
  assertClean('# base\nFROM alpine\n', ['no-build-stage']);
});
