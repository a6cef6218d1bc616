// The stage facts behind the build UX: which stages have no shell ("Inspect files" instead of
// "Shell in"), image sizes in the build lens and the hover, and the graph view payload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../src/service/model';
import { codeLenses, stageSummaries } from '../src/service/codeLens';
import { STAGE_COMMANDS } from '../src/protocol';
import { imageHasNoShell, stageHasNoShell } from '../src/service/stageShell';
import { stageHover } from '../src/service/hover';
import { graphView } from '../src/service/graph';
import { positionOf } from './helpers';

const ALL = new Set<string>(Object.values(STAGE_COMMANDS));
const URI = 'file:///work/app/Dockerfile';
const text = [
  'ARG RUNTIME=gcr.io/distroless/static-debian12:nonroot', // 0
  'FROM golang:1.22 AS build', // 1
  'RUN go build -o /out/app .',
  'FROM scratch AS export', // 3
  'COPY --from=build /out/ /',
  'FROM export AS export2', // 5: FROM a scratch stage
  'FROM gcr.io/distroless/base-debian12:debug AS debug', // 6: has busybox
  'FROM ${RUNTIME} AS runtime', // 7: distroless through an ARG default
  'COPY --from=build /out/app /app',
  'RUN --mount=type=cache,from=build,target=/c true',
  '',
].join('\n');

test('no shell: scratch, a stage based on a scratch stage, distroless (not :debug), chainguard/static', () => {
  const model = buildModel(text, URI);
  assert.deepEqual(model.stages.map((s) => [s.name, stageHasNoShell(model, s)]), [
    ['build', false],
    ['export', true],
    ['export2', true],
    ['debug', false],
    ['runtime', true],
  ]);
  assert.equal(imageHasNoShell('cgr.dev/chainguard/static:latest'), true);
  assert.equal(imageHasNoShell('alpine:3.20'), false);
  assert.equal(imageHasNoShell('SCRATCH'), true);
  assert.equal(imageHasNoShell('gcr.io/distroless/static@sha256:abc'), true);
});

test('stages without a shell get "Inspect files" instead of "Shell in"; summaries say so', () => {
  const lenses = codeLenses(buildModel(text, URI), { commands: ALL });
  const titles = lenses.filter((l) => l.command?.command !== STAGE_COMMANDS.showReferences).map((l) => `${l.range.start.line}: ${l.command?.title}`);
  assert.deepEqual(titles, [
    "1: ▶ Build stage 'build'",
    "1: ⌨ Shell in 'build'",
    "3: ▶ Build stage 'export'",
    "3: ▤ Inspect files in 'export'",
    "5: ▶ Build stage 'export2'",
    "5: ▤ Inspect files in 'export2'",
    "6: ▶ Build stage 'debug'",
    "6: ⌨ Shell in 'debug'",
    '7: ▶ Build image',
    "7: ▤ Inspect files in 'runtime'",
  ]);
  const inspect = lenses.find((l) => l.command?.command === STAGE_COMMANDS.inspectFiles);
  assert.deepEqual(inspect?.command?.arguments, [{ uri: URI, stage: 'export', stageIndex: 1, isLast: false }]);
  // A client that does not handle the inspect command gets neither lens for those stages.
  const noInspect = codeLenses(buildModel(text, URI), { commands: new Set([STAGE_COMMANDS.build, STAGE_COMMANDS.shell]) });
  assert.equal(noInspect.filter((l) => l.range.start.line === 3).length, 1);
  assert.deepEqual(stageSummaries(buildModel(text, URI)).map((s) => s.noShell), [false, true, true, false, true]);
});

test('known sizes go into the build lens title and the stage hover', () => {
  const model = buildModel(text, URI);
  const sizes = { build: { bytes: 812_000_000, layers: 9 }, runtime: { bytes: 14_203_456, layers: 3 } };
  const titles = codeLenses(model, { commands: new Set([STAGE_COMMANDS.build]), sizes }).map((l) => l.command?.title);
  assert.deepEqual(titles, ["▶ Build stage 'build' · 812 MB", "▶ Build stage 'export'", "▶ Build stage 'export2'", "▶ Build stage 'debug'", '▶ Build image · 14.2 MB']);
  const hover = stageHover(model, positionOf(text, 'build', 1), undefined, sizes);
  assert.match(JSON.stringify(hover?.contents), /Image size: \*\*812 MB\*\* · 9 layers \(last build\)/);
  const without = stageHover(model, positionOf(text, 'build', 1));
  assert.doesNotMatch(JSON.stringify(without?.contents), /Image size/);
});

test('graph view: stages with FROM lines, levels, reachability, edges deduplicated, Mermaid', () => {
  const view = graphView(buildModel(text, URI), 'export2');
  assert.equal(view.uri, URI);
  assert.deepEqual(view.stages.map((s) => [s.label, s.line, s.level, s.reachable, s.noShell, s.buildable, s.isLast]), [
    ['build', 1, 0, true, false, true, false],
    ['export', 3, 1, true, true, true, false],
    ['export2', 5, 2, true, true, true, false],
    ['debug', 6, 0, false, false, true, false],
    ['runtime', 7, 1, false, true, true, true],
  ]);
  assert.equal(view.target, 2);
  assert.deepEqual(view.edges.map((e) => [e.from, e.to, e.kind]), [
    [1, 0, 'copy-from'],
    [2, 1, 'from'],
    [4, 0, 'copy-from'],
    [4, 0, 'mount-from'],
  ]);
  assert.match(view.mermaid, /^flowchart TD\n/);
  assert.equal(graphView(buildModel('', URI)).target, -1);
});
