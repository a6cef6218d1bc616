import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentHighlightKind } from 'vscode-languageserver-types';
import { buildModel } from '../src/service/model';
import { findHighlights } from '../src/service/highlight';
import { positionOf } from './helpers';

const text = 'FROM node:20 AS deps\nRUN npm ci\nFROM deps AS build\nRUN --mount=type=bind,from=DEPS,target=/d true\nFROM nginx\nCOPY --from=deps /a /b\nCOPY --from=build /c /d\n';
const model = buildModel(text);
const word = (needle: string, offset: number, length: number, occurrence = 1) => {
  const start = positionOf(text, needle, offset, occurrence);
  return { start, end: { line: start.line, character: start.character + length } };
};

test('declaration is a write, every reference a read, in document order', () => {
  const expected = [
    { range: word('AS deps', 3, 4), kind: DocumentHighlightKind.Write },
    { range: word('FROM deps', 5, 4), kind: DocumentHighlightKind.Read },
    { range: word('from=DEPS', 5, 4), kind: DocumentHighlightKind.Read },
    { range: word('--from=deps', 7, 4), kind: DocumentHighlightKind.Read },
  ];
  assert.deepEqual(findHighlights(model, positionOf(text, 'AS deps', 4)), expected);
  assert.deepEqual(findHighlights(model, positionOf(text, 'from=DEPS', 6)), expected);
});

test('another stage highlights only its own occurrences', () => {
  assert.deepEqual(findHighlights(model, positionOf(text, '--from=build', 8)), [
    { range: word('AS build', 3, 5), kind: DocumentHighlightKind.Write },
    { range: word('--from=build', 7, 5), kind: DocumentHighlightKind.Read },
  ]);
});

test('images and instructions highlight nothing here', () => {
  assert.deepEqual(findHighlights(model, positionOf(text, 'nginx', 2)), []);
  assert.deepEqual(findHighlights(model, positionOf(text, 'npm ci', 1)), []);
});
