/**
 * The fixtures in test-fixtures/: well-written Dockerfiles (top level) get no warning or error from
 * our rules; each file in mistakes/ gets exactly the problems it was written to show.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { listFixtures, readFixture, SHARED } from '../helpers';
import { analyze } from './ruleTestKit';

const problems = (name: string, files = {}) =>
  analyze(readFixture(name), { uri: `file:///fixtures/${name}`, files })
    .diagnostics.filter((d) => (d.severity ?? 1) <= DiagnosticSeverity.Warning)
    .map((d) => `${d.code}@${d.range.start.line}`);

const good = listFixtures().filter((f) => !f.startsWith('mistakes/'));

test('there are good and mistaken fixtures to check', () => {
  assert.ok(good.length >= 10, `good fixtures: ${good.length}`);
  assert.ok(listFixtures().filter((f) => f.startsWith('mistakes/')).length >= 8);
});

for (const name of good) {
  test(`good fixture ${name}: no warnings or errors`, () => {
    assert.deepEqual(problems(name), []);
    assert.deepEqual(problems(name, { dockerignoreExists: false, dockerignoreUri: 'file:///fixtures/.dockerignore' }), []);
  });
}

const EXPECTED = SHARED.mistakes;

for (const [name, expected] of Object.entries(EXPECTED)) {
  test(`mistake fixture ${name}: ${expected.length ? expected.join(', ') : 'no warning of ours'}`, () => {
    assert.deepEqual(problems(name).sort(), [...expected].sort());
  });
}

test('every mistake fixture has an expectation', () => {
  assert.deepEqual(listFixtures().filter((f) => f.startsWith('mistakes/') && !(f in EXPECTED)), []);
});

test('the unused leftover stage is a faded hint; the empty continuation lines are ours (NoEmptyContinuation)', () => {
  const unused = analyze(readFixture('mistakes/unused-stage.Dockerfile')).diagnostics.filter((d) => d.code === 'unreachable-stage');
  assert.deepEqual(unused.map((d) => [d.range.start.line, d.severity, d.tags]), [[6, DiagnosticSeverity.Hint, [1]]]);
  const empty = analyze(readFixture('mistakes/empty-continuation.Dockerfile')).diagnostics.filter((d) => d.code === 'no-empty-continuation');
  assert.deepEqual(empty.map((d) => [d.range.start.line, d.range.end.line]), [[4, 6], [9, 10]]);
});
