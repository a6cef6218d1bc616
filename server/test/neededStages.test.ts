/** One meaning of "needed": the graph, the unreachable-stage rule and the code lenses agree. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysisOf } from '../src/service/analysis';
import { STAGE_COMMANDS } from '../src/protocol';
import { codeLenses } from '../src/service/codeLens';
import { possibleDependencies, possibleParents } from '../src/service/facts/neededStages';
import { stageGraph } from '../src/service/graph';
import { buildModel } from '../src/service/model';
import { diagnosticsOf } from './rules/ruleTestKit';

const argSelected = ['ARG VARIANT=a', 'FROM alpine AS base-a', 'FROM debian AS base-b', 'FROM alpine AS other', 'FROM base-${VARIANT} AS final', ''].join('\n');

test('needed stages: a stage a build arg can select is needed by graph, rule and code lens alike', () => {
  const model = buildModel(argSelected);
  const graph = stageGraph(model);
  assert.deepEqual(graph.unreachable, [2], 'graph: only the stage no FROM pattern can pick is unreachable');
  assert.deepEqual(
    diagnosticsOf('unreachable-stage', argSelected).map((d) => d.data?.stage),
    graph.unreachable,
    'the rule reports exactly the stages the graph marks unreachable',
  );
  const lens = codeLenses(model, { commands: new Set([STAGE_COMMANDS.showReferences]) }).find((l) => l.range.start.line === 4);
  assert.match(lens?.command?.title ?? '', /^needs: base-a, base-b ·/);
});

test('needed stages: a FROM that is only a variable needs the stage its ARG default selects, not every stage', () => {
  const text = ['ARG BASE=builder', 'FROM alpine AS builder', 'FROM alpine AS tools', 'FROM ${BASE}', ''].join('\n');
  const model = buildModel(text);
  assert.deepEqual(possibleDependencies(model)[2], [0]);
  assert.deepEqual(stageGraph(model).unreachable, [1]);
  assert.deepEqual(possibleParents(model, model.stages[2]).map((s) => s.name), ['builder']);
});

test('needed stages: literal parts match case-insensitively, only earlier stages count, duplicates computed once', () => {
  const text = ['FROM alpine AS App-1', 'FROM alpine AS tools', 'FROM app-${N}', 'FROM alpine AS app-2', 'FROM app-${N}', ''].join('\n');
  const model = buildModel(text);
  const deps = possibleDependencies(model);
  assert.deepEqual(deps[2], [0]);
  assert.deepEqual(deps[4], [0, 3]);
  assert.equal(possibleDependencies(model), deps, 'computed once per model');
  assert.deepEqual([...analysisOf(model).neededStages(4)].sort(), [0, 3, 4]);
});
