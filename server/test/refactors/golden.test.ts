/**
 * Golden refactor cases: test-fixtures/refactors/<case>/{before,after}.Dockerfile + case.json. Each
 * refactor's edit applied to before must give after exactly; the result must re-analyse cleanly (no
 * broken references, no duplicate names, no warnings or errors from our rules), and when the case gives
 * a cursor, the registry must offer the same action there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../src/service/model';
import { refactorActions } from '../../src/service/refactors/registry';
import { withDefaults } from '../../src/protocol';
import { analysisOf } from '../../src/service/analysis';
import { computeDiagnostics } from '../../src/service/diagnostics';
import { extractBuilderStage } from '../../src/service/refactors/extractBuilderStage';
import { ruleById } from '../../src/service/rules/registry';
import { assertReanalysesCleanly, CASES, caseDirs, contextOf, DOCKERIGNORE, projectCases, readCase, readProjectCase, runCase, URI } from './goldenCases';
import { applyWorkspaceEdit } from './workspaceEdit';

const dirs = caseDirs();
test('there are golden refactor cases', () => {
  assert.ok(dirs.length > 0);
});

for (const dir of dirs) {
  test(`golden refactor: ${dir}`, () => {
    const { spec, before, after } = readCase(dir);
    const settings = withDefaults(spec.settings ?? {});
    const model = buildModel(before, URI, 1);
    const action = runCase(model, spec);
    assert.ok(action?.edit, `${spec.refactor} offered nothing`);
    if (spec.title) assert.ok(action.title.includes(spec.title), `title '${action.title}' lacks '${spec.title}'`);
    const result = applyWorkspaceEdit({ [URI]: before }, action.edit, { [URI]: 1 });
    assert.equal(result[URI], after);
    const ignoreFile = join(CASES, dir, 'after.dockerignore');
    if (existsSync(ignoreFile)) assert.equal(result[DOCKERIGNORE], readFileSync(ignoreFile, 'utf8'));
    assertReanalysesCleanly(after, settings);
    if (spec.cursor) {
      const files = { dockerignoreExists: false, dockerignoreUri: DOCKERIGNORE };
      const offered = refactorActions({ model, range: { start: spec.cursor, end: spec.cursor }, settings, files, context: contextOf(spec) });
      assert.ok(offered.some((a) => a.title === action.title), `not offered at the cursor: ${action.title}; offered: ${offered.map((a) => a.title).join(' | ')}`);
    }
  });
}

/**
 * Extract builder stage on small real-looking projects (test-fixtures/extract/<case>/: the Dockerfile,
 * the project's files, and expected.Dockerfile or refusal.txt). The refactor reads the project through
 * the same ContextFiles the server gives it; the quick fix of toolchain-in-final-stage, when the rule
 * reports, must be the very same action (title and edit).
 */
const projects = projectCases();
test('there are at least 25 project cases for Extract builder stage', () => {
  assert.ok(projects.length >= 25, `only ${projects.length}`);
});

for (const dir of projects) {
  test(`extract project: ${dir}`, () => {
    const c = readProjectCase(dir);
    const settings = withDefaults(c.settings ?? {});
    const model = buildModel(c.dockerfile, c.uri, 1);
    const action = extractBuilderStage(model, model.stages.length - 1, settings, c.context);
    assert.ok(action, 'the action is offered (enabled or disabled)');
    if (c.title) assert.ok(action.title.includes(c.title), `title '${action.title}' lacks '${c.title}'`);
    const diagnostic = computeDiagnostics({ model, settings, files: { context: c.context } }).find((d) => d.code === 'toolchain-in-final-stage');
    if (diagnostic) {
      const [fix] = ruleById('toolchain-in-final-stage')!.fix!({ model, analysis: analysisOf(model), settings, files: { context: c.context } }, diagnostic);
      assert.equal(fix.title, action.title, 'one action per title: the quick fix is the refactor');
      assert.deepEqual(fix.edit, action.edit);
      assert.deepEqual(fix.disabled, action.disabled);
    }
    if (c.expected === undefined) {
      assert.ok(c.refusal, 'a case without expected.Dockerfile states the refusal');
      assert.equal(action.edit, undefined, 'a refused action edits nothing');
      assert.ok(action.disabled?.reason.includes(c.refusal!), `reason '${action.disabled?.reason}' lacks '${c.refusal}'`);
      return;
    }
    assert.equal(action.disabled, undefined, `refused: ${action.disabled?.reason}`);
    const result = applyWorkspaceEdit({ [c.uri]: c.dockerfile }, action.edit!, { [c.uri]: 1 })[c.uri];
    assert.equal(result, c.expected);
    assertReanalysesCleanly(c.expected, settings);
  });
}
