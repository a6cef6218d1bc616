import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemKind, type TextEdit } from 'vscode-languageserver-types';
import { buildModel } from '../src/service/model';
import { isStageCompletion, stageCompletions } from '../src/service/completion';
import { positionOf } from './helpers';

const stages = ['FROM golang:1.22 AS Builder', 'FROM node:20 AS deps', 'FROM alpine:3.20', 'FROM deps AS builder'].join('\n');

/** Completes at the `|` in `marked` (which is removed first): labels, or undefined outside a stage context. */
function complete(marked: string) {
  const text = marked.replace('|', '');
  const pos = positionOf(marked, '|');
  return { text, pos, items: stageCompletions(buildModel(text), pos) };
}
const labels = (marked: string) => complete(marked).items?.map((i) => i.label);
/** The text each item's edit would replace. */
const replaced = (marked: string) => {
  const { text, items } = complete(marked);
  const lines = text.split(/\r?\n/);
  return items?.map((i) => {
    const { range } = i.textEdit as TextEdit;
    assert.equal(range.start.line, range.end.line);
    return lines[range.start.line].slice(range.start.character, range.end.character);
  });
};

test('COPY --from= with nothing after offers earlier stages: names as written, unnamed ones by index', () => {
  const { items } = complete(`${stages}\nFROM scratch\nCOPY --from=|`);
  // 'Builder' (stage 0) and 'builder' (stage 3) are one name; BuildKit resolves it to the last, stage 3.
  assert.deepEqual(
    items?.map((i) => [i.label, i.detail, i.kind, i.sortText]),
    [
      ['deps', 'node:20', CompletionItemKind.Module, '000001'],
      ['2', 'unnamed stage 2: alpine:3.20', CompletionItemKind.Module, '000002'],
      ['builder', 'deps', CompletionItemKind.Module, '000003'],
    ],
  );
  assert.ok(items?.every(isStageCompletion));
});

test('only stages before the current one: never itself or a later one', () => {
  // In stage 3, --from=builder would name stage 3 itself (the last 'builder'), so it is not offered.
  assert.deepEqual(labels(`${stages}\nCOPY --from=|\nFROM alpine AS later`), ['deps', '2']);
  assert.deepEqual(labels('FROM alpine AS first\nCOPY --from=|\nFROM alpine AS second'), []);
  assert.deepEqual(labels('COPY --from=|\nFROM alpine AS first\nFROM alpine AS second'), []);
});

test('a partly typed value is replaced whole, flags in any order, JSON form', () => {
  assert.deepEqual(replaced(`${stages}\nFROM scratch\nCOPY --link --chown=1:1 --from=de|`), ['de', 'de', 'de']);
  assert.deepEqual(replaced(`${stages}\nFROM scratch\nCOPY --from=d|ep ["/a", "/b"]`), ['dep', 'dep', 'dep']);
  const { items, pos } = complete(`${stages}\nFROM scratch\nCOPY --chmod=755 --from=| /a /b`);
  assert.deepEqual(items?.[0].textEdit, { range: { start: pos, end: pos }, newText: 'deps' });
});

test('RUN --mount from= in any option position; the edit stops at the next comma; no indexes', () => {
  assert.deepEqual(labels(`${stages}\nFROM scratch\nRUN --mount=type=cache,from=|`), ['deps', 'builder']);
  assert.deepEqual(replaced(`${stages}\nFROM scratch\nRUN --mount=from=bu|il,target=/x true`), ['buil', 'buil']);
  assert.deepEqual(replaced(`${stages}\nFROM scratch\nRUN --mount=type=cache,target=/c --mount=type=bind,target=/x,from=|`), ['', '']);
});

test('FROM image position, also after --platform', () => {
  assert.deepEqual(labels(`${stages}\nFROM |`), ['deps', 'builder']);
  assert.deepEqual(replaced(`${stages}\nFROM --platform=linux/amd64 de|`), ['de', 'de']);
  assert.deepEqual(complete(`${stages}\nFROM |`).items?.map((i) => i.detail), ['node:20', 'deps']);
  // In stage 3 a FROM sees the first 'Builder' only: the last earlier stage of that name.
  assert.deepEqual(labels('FROM golang AS Builder\nFROM node AS deps\nFROM |\nFROM alpine AS builder'), ['Builder', 'deps']);
});

test('continuation lines and CRLF', () => {
  assert.deepEqual(labels(`${stages}\nFROM scratch\nCOPY --link \\\n  --from=|`), ['deps', '2', 'builder']);
  assert.deepEqual(labels('FROM alpine AS a\r\nFROM scratch\r\nCOPY --from=|\r\n'), ['a']);
});

test('not a stage context: undefined, so the base completion answers', () => {
  for (const marked of [
    `${stages}\nFROM alpine AS |`,
    `${stages}\nFROM alpine |`,
    `${stages}\nFROM -|`,
    `${stages}\nCOPY src --from=|`,
    `${stages}\nCOPY --chown=|`,
    `${stages}\nRUN echo --from=|`,
    `${stages}\nRUN --mount=type=cache,target=|`,
    `${stages}\nRUN --mount=fr|om=x`,
    `${stages}\nCO|PY --from=x`,
    `${stages}\nWORKDIR /|`,
    `${stages}\nADD --from=|`,
    `${stages}\n# COPY --from=|`,
    '|',
  ]) {
    assert.equal(complete(marked).items, undefined, marked);
  }
});
