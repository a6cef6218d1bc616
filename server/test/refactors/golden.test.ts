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
import { assertReanalysesCleanly, CASES, caseDirs, contextOf, DOCKERIGNORE, readCase, runCase, URI } from './goldenCases';
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
