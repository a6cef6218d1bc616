import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, referenceAt, type StageReference } from '../src/service/model';
import { neededStages } from '../src/service/facts/neededStages';
import { positionOf } from './helpers';

const summary = (refs: StageReference[]) =>
  refs.map((r) => `${r.kind}:${r.value}->${r.resolution.kind}${'stage' in r.resolution ? ':' + r.resolution.stage : ''}`);

test('stages carry name, normalized name, base image, platform and ranges', () => {
  const text = 'ARG GO=1.22\n# Compiles the binary.\nFROM --platform=$BUILDPLATFORM golang:${GO} AS Builder\nRUN go build -o /app\n\nFROM scratch\nCOPY --from=builder /app /app\n';
  const m = buildModel(text);
  assert.equal(m.stages.length, 2);
  const [b, final] = m.stages;
  assert.equal(b.name, 'Builder');
  assert.equal(b.normalizedName, 'builder');
  assert.equal(b.baseImage, 'golang:${GO}');
  assert.equal(b.platform, '$BUILDPLATFORM');
  assert.match(b.docComment ?? '', /Compiles the binary\./);
  assert.deepEqual(b.nameRange, { start: positionOf(text, 'Builder'), end: positionOf(text, 'Builder', 7) });
  assert.equal(b.range.end.line, 3);
  assert.equal(final.name, undefined);
  assert.deepEqual(m.globalArgs.map((a) => [a.name, a.defaultValue]), [['GO', '1.22']]);
  assert.deepEqual(summary(m.references), ['from:golang:${GO}->image', 'copy-from:builder->stage:0']);
});

test('COPY --from is found with flags in any order, JSON form, any casing, by index', () => {
  const text = [
    'FROM alpine AS Build',
    'FROM alpine',
    'COPY --link --chown=1:1 --from=BUILD /a /b',
    'COPY --chmod=755 --from=build ["/a", "/b"]',
    'copy --from=0 /a /b',
    'COPY --from=1 /a /b',
    'COPY --from=7 /a /b',
    'COPY --from=nginx:1.27 /etc/nginx /etc/nginx',
    'COPY --from=$STAGE /a /b',
  ].join('\n');
  assert.deepEqual(summary(buildModel(text).references), [
    'copy-from:BUILD->stage:0',
    'copy-from:build->stage:0',
    'copy-from:0->stage:0',
    'copy-from:1->forward:1',
    'copy-from:7->index-out-of-range',
    'copy-from:nginx:1.27->image',
    'copy-from:$STAGE->variable',
  ]);
});

test('RUN --mount from= in any option position, any mount type', () => {
  const text = 'FROM alpine AS deps\nFROM alpine\nRUN --mount=type=cache,target=/c --mount=from=deps,source=/x,target=/y --mount=type=bind,target=/z,from=Deps true\n';
  assert.deepEqual(summary(buildModel(text).references), ['mount-from:deps->stage:0', 'mount-from:Deps->stage:0']);
});

test('FROM an earlier stage, a later stage, its own name, and an ARG-selected stage', () => {
  const text = [
    'ARG VARIANT=alpine',
    'FROM alpine AS base-alpine',
    'FROM debian AS base-debian',
    'FROM base-${VARIANT} AS final',
    'FROM later AS x',
    'FROM node AS node',
    'FROM busybox AS later',
  ].join('\n');
  const m = buildModel(text);
  const refs = m.references;
  assert.deepEqual(summary(refs), ['from:base-${VARIANT}->stage:0', 'from:later->forward:5']);
  assert.equal(refs[0].resolution.kind === 'stage' && refs[0].resolution.viaArg, 'VARIANT');
  assert.deepEqual(m.dependsOn[2], [0]);
  assert.deepEqual(m.dependents[0], [2]);
});

test('heredoc bodies and comments never hold references; escape=` works', () => {
  const text = [
    'FROM alpine AS a',
    'FROM alpine',
    'RUN <<EOF',
    'COPY --from=a /x /y',
    'EOF',
    '# COPY --from=a /x /y',
    'COPY --from=a /p /q',
  ].join('\n');
  assert.deepEqual(summary(buildModel(text).references), ['copy-from:a->stage:0']);
  const win = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build\nRUN echo a `\n    && echo b\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=build C:\\\\app C:\\\\app\n';
  const m = buildModel(win);
  assert.equal(m.escapeChar, '`');
  assert.deepEqual(summary(m.references), ['copy-from:build->stage:0']);
  assert.equal(m.stages[0].range.end.line, 3);
});

test('CRLF, BOM and continuation lines with comments keep exact ranges', () => {
  const text = '\uFEFFFROM alpine AS a\r\nFROM alpine\r\nCOPY \\\r\n# note\r\n  --from=a /x /y\r\n';
  const m = buildModel(text);
  assert.equal(m.stages[0].name, 'a');
  const ref = m.references[0];
  assert.equal(ref.value, 'a');
  assert.deepEqual(ref.range.start, { line: 4, character: 9 });
  assert.equal(referenceAt(m, { line: 4, character: 10 }), ref);
  assert.equal(referenceAt(m, { line: 4, character: 2 }), undefined);
});

test('neededStages follows the graph transitively', () => {
  const text = 'FROM a AS one\nFROM one AS two\nFROM b AS other\nFROM c\nCOPY --from=two / /\n';
  const m = buildModel(text);
  assert.deepEqual([...neededStages(m, 3)].sort(), [0, 1, 3]);
});

test('half-typed and empty input never throws', () => {
  for (const text of ['', 'FROM', 'FROM ', 'COPY --from=', 'FROM a AS', 'RUN --mount=from', '\\', '\u0000\u0001', 'FROM ${', 'FROM $']) {
    const m = buildModel(text);
    assert.ok(Array.isArray(m.references));
  }
});

test('ARG with several names declares each (BuildKit), with defaults and exact ranges', () => {
  const text = 'ARG A B=2 C\nARG D=1\nARG E="x y"\nFROM alpine:${B}\n';
  const m = buildModel(text);
  assert.deepEqual(m.globalArgs.map((a) => [a.name, a.defaultValue]), [['A', undefined], ['B', '2'], ['C', undefined], ['D', '1'], ['E', 'x y']]);
  const b = m.globalArgs[1];
  assert.deepEqual(b.nameRange, { start: positionOf(text, 'B='), end: positionOf(text, 'B=', 1) });
  assert.deepEqual(b.valueRange, { start: positionOf(text, 'B=', 2), end: positionOf(text, 'B=', 3) });
});
