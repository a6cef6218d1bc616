/**
 * The stage model against test-fixtures/expectations.json, a hand-written oracle of every stage and
 * stage reference in the fixtures (BuildKit semantics, 0-based lines). The oracle says
 * {"error":"unknown"} where no stage matches; the model calls that an image reference (whether it is a
 * typo is the rules' business), so the two are compared as equal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, stageAnchor, type Resolution } from '../src/service/model';
import { findDefinition } from '../src/service/definition';
import { FIXTURES, listFixtures, readFixture } from './helpers';

type OracleResolution =
  | { stage: number; viaArg?: true }
  | { image: true; viaArg?: true }
  | { variable: true }
  | { error: 'forward' | 'out-of-range' | 'unknown' };

interface Oracle {
  stages: { index: number; name?: string | null; line: number }[];
  references: { line: number; kind: string; value: string; resolves: OracleResolution }[];
}

const oracle = JSON.parse(readFileSync(join(FIXTURES, 'expectations.json'), 'utf8')) as Record<string, Oracle>;

function fromModel(resolution: Resolution): OracleResolution {
  const viaArg = 'viaArg' in resolution && resolution.viaArg ? { viaArg: true as const } : {};
  switch (resolution.kind) {
    case 'stage':
      return { stage: resolution.stage, ...viaArg };
    case 'image':
      return { image: true, ...viaArg };
    case 'variable':
      return { variable: true };
    case 'forward':
      return { error: 'forward' };
    case 'index-out-of-range':
      return { error: 'out-of-range' };
  }
}

function normalized(resolution: OracleResolution): OracleResolution {
  return 'error' in resolution && resolution.error === 'unknown' ? { image: true } : resolution;
}

test('every fixture has an oracle entry and every entry a fixture', () => {
  const fixtures = listFixtures();
  assert.ok(fixtures.length >= 18, `only ${fixtures.length} fixtures`);
  assert.deepEqual(fixtures.filter((f) => !oracle[f]), [], 'fixtures without an oracle entry');
  assert.deepEqual(Object.keys(oracle).filter((f) => !fixtures.includes(f)).sort(), [], 'oracle entries without a fixture');
});

for (const fixture of listFixtures()) {
  test(`${fixture}: stages, references and definitions match the oracle`, () => {
    const expected = oracle[fixture];
    assert.ok(expected, `no oracle entry for ${fixture}`);
    const model = buildModel(readFixture(fixture), `file:///fixtures/${fixture}`);

    assert.deepEqual(
      model.stages.map((s) => ({ index: s.index, name: s.name ?? null, line: s.fromRange.start.line })),
      expected.stages.map((s) => ({ index: s.index, name: s.name ?? null, line: s.line })),
      'stages',
    );
    assert.deepEqual(
      model.references.map((r) => ({ line: r.range.start.line, kind: r.kind, value: r.value, resolves: fromModel(r.resolution) })),
      expected.references.map((r) => ({ line: r.line, kind: r.kind, value: r.value, resolves: normalized(r.resolves) })),
      'references',
    );

    for (const reference of model.references) {
      const definition = findDefinition(model, reference.range.start);
      const resolves = reference.resolution;
      if (resolves.kind !== 'stage') {
        assert.equal(definition, null, `definition of '${reference.value}' on line ${reference.range.start.line}`);
        continue;
      }
      const stage = model.stages[resolves.stage];
      assert.deepEqual(definition, { uri: model.uri, range: stageAnchor(stage) }, `definition of '${reference.value}'`);
      assert.equal(stage.fromRange.start.line, expected.stages[resolves.stage].line);
    }
  });
}
