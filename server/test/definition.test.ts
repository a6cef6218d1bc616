import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../src/service/model';
import { findDefinition } from '../src/service/definition';
import { positionOf } from './helpers';

const text = [
  'ARG VARIANT=alpine',
  'FROM alpine:3.20',
  'RUN echo unnamed',
  'FROM golang:1.22 AS Builder',
  'FROM alpine AS base-alpine',
  'FROM base-${VARIANT} AS selected',
  'FROM builder AS test',
  'RUN --mount=type=cache,target=/c,from=BUILDER true',
  'FROM scratch',
  'COPY --link --from=0 /etc/os-release /a',
  'COPY --from=builder ["/app", "/app"]',
  'COPY --from=nginx:1.27 /etc/nginx /etc/nginx',
  'COPY --from=later /x /y',
  'FROM alpine AS later',
].join('\n');
const uri = 'file:///w/Dockerfile';
const model = buildModel(text, uri);

const definitionAt = (needle: string, offset = 0, occurrence = 1) => findDefinition(model, positionOf(text, needle, offset, occurrence));
const span = (needle: string, occurrence = 1) => ({ start: positionOf(text, needle, 0, occurrence), end: positionOf(text, needle, needle.length, occurrence) });

test('--from=N on an unnamed stage lands on that stage FROM keyword', () => {
  assert.deepEqual(definitionAt('--from=0', 7), { uri, range: span('FROM') });
});

test('names resolve case-insensitively from COPY, RUN --mount and FROM', () => {
  const builder = { uri, range: span('Builder') };
  assert.deepEqual(definitionAt('--from=builder', 8), builder);
  assert.deepEqual(definitionAt('from=BUILDER', 6), builder);
  assert.deepEqual(definitionAt('FROM builder', 5), builder);
  // The end of the reference still counts (cursor right after the word).
  assert.deepEqual(definitionAt('--from=builder', 14), builder);
});

test('an ARG-selected base goes to the stage the default selects', () => {
  assert.deepEqual(definitionAt('base-${VARIANT}', 2), { uri, range: span('base-alpine') });
});

test('images, forward references, keywords and plain text have no definition', () => {
  assert.equal(definitionAt('nginx:1.27', 1), null);
  assert.equal(definitionAt('--from=later', 8), null);
  assert.equal(definitionAt('golang:1.22', 1), null);
  assert.equal(definitionAt('RUN echo', 1), null);
  assert.equal(definitionAt('/etc/os-release', 2), null);
});

test('on a declaration, definition is the declaration itself', () => {
  assert.deepEqual(definitionAt('AS test', 4), { uri, range: span('test') });
});

test('duplicate names, as BuildKit registers them: FROM takes the last earlier stage, --from the last in the file', () => {
  const source = ['FROM alpine AS App', 'FROM app AS one', 'FROM alpine AS app', 'FROM app AS two', 'COPY --from=APP /a /b', 'RUN --mount=from=app true'].join('\n');
  const m = buildModel(source);
  const at = (needle: string, offset: number) => findDefinition(m, positionOf(source, needle, offset))?.range.start.line;
  assert.equal(at('FROM app AS one', 6), 0);
  assert.equal(at('FROM app AS two', 6), 2);
  assert.equal(at('--from=APP', 8), 2);
  assert.equal(at('from=app', 6), 2);
  // In stage 0, a --from=app would name the last 'app' (stage 2): a forward reference, no definition.
  const early = 'FROM alpine AS app\nCOPY --from=app /a /b\nFROM alpine AS other\nCOPY --from=app /a /b\nFROM alpine AS app\n';
  assert.equal(findDefinition(buildModel(early), positionOf(early, '--from=app', 8, 2)), null);
});
