import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../src/service/model';
import { graphToDot, graphToMermaid, stageGraph } from '../src/service/graph';

const text = [
  'FROM golang:1.22 AS deps',
  'FROM deps AS build',
  'FROM alpine AS assets',
  'FROM alpine AS lint',
  'COPY --from=deps /go /go',
  'FROM scratch AS release',
  'COPY --from=build /app /app',
  'COPY --from=assets /static /static',
].join('\n');

test('levels group what can build in parallel; the longest chain ends at the target', () => {
  const g = stageGraph(buildModel(text));
  assert.equal(g.target, 4);
  assert.deepEqual(g.unreachable, [3]);
  assert.deepEqual(g.levels, [[0, 2], [1], [4]]);
  assert.deepEqual(g.longestChain, [0, 1, 4]);
  assert.deepEqual(
    g.edges.map((e) => [e.from, e.to, e.kind]),
    [[1, 0, 'from'], [3, 0, 'copy-from'], [4, 1, 'copy-from'], [4, 2, 'copy-from']],
  );
});

test('a named target (any case) changes reachability', () => {
  const g = stageGraph(buildModel(text), 'LINT');
  assert.equal(g.target, 3);
  assert.deepEqual(g.unreachable, [1, 2, 4]);
  assert.deepEqual(g.longestChain, [0, 3]);
});

test('mermaid and dot outputs name every stage and edge', () => {
  const g = stageGraph(buildModel(text));
  const mermaid = graphToMermaid(g);
  assert.match(mermaid, /^flowchart TD\n/);
  assert.match(mermaid, /s1 -->\|COPY --from\| s4/);
  assert.match(mermaid, /class s3 unreachable/);
  const dot = graphToDot(g);
  assert.match(dot, /s0 -> s1 \[label="FROM"\];/);
  assert.match(dot, /s3 \[label="lint\\nalpine", style=dashed\];/);
});

test('a file without stages has no target', () => {
  const g = stageGraph(buildModel('# nothing here\n'));
  assert.equal(g.target, -1);
  assert.deepEqual(g.levels, []);
  assert.deepEqual(g.longestChain, []);
});

test('duplicate names: the target is the last stage of that name, as BuildKit --target picks', () => {
  const g = stageGraph(buildModel('FROM alpine AS app\nFROM alpine AS tool\nFROM busybox AS APP\n'), 'app');
  assert.equal(g.target, 2);
});
