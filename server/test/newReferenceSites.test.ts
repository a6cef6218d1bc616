/**
 * Stage references BuildKit added: `ARG SOURCE_DATE_EPOCH=<stage>` (Dockerfile 1.24: a global ARG
 * default naming a stage, whose remote ADD gives the build its timestamp) — definition, references,
 * rename, reachability — and go-to-definition on `ONBUILD COPY --from=<stage>`. Also unknown-stage
 * on a bare `--from` value that is a whole dash-separated part of an earlier stage's name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentEdit } from 'vscode-languageserver-types';
import { findDefinition } from '../src/service/definition';
import { stageGraph } from '../src/service/graph';
import { stageHover } from '../src/service/hover';
import { buildModel } from '../src/service/model';
import { findReferences } from '../src/service/references';
import { isRefusal, renameStage } from '../src/service/rename';
import { positionOf } from './helpers';
import { diagnosticsOf } from './rules/ruleTestKit';

const epoch = [
  'ARG SOURCE_DATE_EPOCH=epoch',
  'FROM scratch AS epoch',
  'ADD https://github.com/acme/app.git#v1.2.3 /',
  '',
  'FROM golang:1.22 AS build',
  'RUN go build ./...',
  '',
  'FROM alpine',
  'COPY --from=build /out /app',
  '',
].join('\n');

test('SOURCE_DATE_EPOCH=<stage>: a reference to the stage (definition, references, hover)', () => {
  const model = buildModel(epoch);
  const at = positionOf(epoch, '=epoch', 2);
  const def = findDefinition(model, at);
  assert.deepEqual(def?.range.start, positionOf(epoch, 'AS epoch', 3));
  const refs = findReferences(model, positionOf(epoch, 'AS epoch', 4), true).map((l) => l.range.start.line);
  assert.deepEqual(refs, [1, 0]);
  assert.equal(model.epochStage, 0);
  assert.match(String((stageHover(model, at)?.contents as { value: string }).value), /SOURCE_DATE_EPOCH/);
});

test('SOURCE_DATE_EPOCH=<stage>: the stage is needed by every target (not faded as unreachable); no edge between stages', () => {
  assert.deepEqual(diagnosticsOf('unreachable-stage', epoch).map((d) => d.range.start.line), []);
  const withoutEpoch = epoch.replace('ARG SOURCE_DATE_EPOCH=epoch', 'ARG SOURCE_DATE_EPOCH=1700000000');
  assert.deepEqual(diagnosticsOf('unreachable-stage', withoutEpoch).map((d) => d.range.start.line), [1]);
  const model = buildModel(epoch);
  assert.ok(!model.edges.some((e) => e.to === 0), 'no stage depends on it through an instruction');
  assert.ok(!stageGraph(model, 'build').unreachable.includes(0), 'needed for --target build too');
});

test('SOURCE_DATE_EPOCH=<stage>: renaming the stage renames the ARG default; a number, `context` or no such stage is no reference', () => {
  const model = buildModel(epoch, 'file:///w/Dockerfile', 3);
  const result = renameStage(model, positionOf(epoch, 'AS epoch', 4), 'source-epoch');
  assert.ok(!isRefusal(result));
  const [change] = result.documentChanges as TextDocumentEdit[];
  const after = TextDocument.applyEdits(model.document, change.edits);
  assert.match(after, /^ARG SOURCE_DATE_EPOCH=source-epoch\nFROM scratch AS source-epoch\n/);
  for (const value of ['1700000000', 'context', 'nostage']) {
    const m = buildModel(epoch.replace('=epoch', `=${value}`));
    assert.equal(m.epochStage, undefined, value);
    assert.ok(!m.references.some((r) => r.kind === 'epoch-arg'), value);
  }
  // A stage ARG (after the first FROM) is no global default.
  assert.equal(buildModel('FROM scratch AS epoch\nARG SOURCE_DATE_EPOCH=epoch\n').epochStage, undefined);
  // Names compare case-insensitively; the first stage of the name is taken.
  assert.equal(buildModel('ARG SOURCE_DATE_EPOCH=Epoch\nFROM scratch AS epoch\nFROM scratch AS epoch\n').epochStage, 0);
});

test('ONBUILD COPY --from=<stage>: go to definition', () => {
  const text = 'FROM node:20 AS assets\nRUN npm run build\nFROM nginx AS base\nONBUILD COPY --link --from=assets /dist /usr/share/nginx/html\n';
  const model = buildModel(text);
  assert.deepEqual(findDefinition(model, positionOf(text, '=assets', 3))?.range, { start: positionOf(text, 'assets'), end: positionOf(text, 'assets', 6) });
  assert.equal(findDefinition(buildModel(text.replace('=assets', '=nginx:1.27')), positionOf(text, '=assets', 3)), null);
});

test('unknown-stage: a bare --from that is a whole dash-separated part of an earlier stage name', () => {
  const text = 'FROM golang AS unit-test\nRUN go test ./...\nFROM alpine\nCOPY --from=test /report /report\n';
  const [d] = diagnosticsOf('unknown-stage', text);
  assert.deepEqual(d?.range.start, positionOf(text, '=test', 1));
  assert.deepEqual((d.data as { candidates: string[] }).candidates, ['unit-test']);
  for (const value of ['te', 'tests.v1', 'test:1', 'acme/test', 'test@sha256:' + 'a'.repeat(64)]) {
    assert.deepEqual(diagnosticsOf('unknown-stage', text.replace('--from=test', `--from=${value}`)), [], value);
  }
  assert.deepEqual(diagnosticsOf('unknown-stage', 'FROM golang AS unit-test\nFROM test\n'), [], 'a FROM of that name stays an image');
});
