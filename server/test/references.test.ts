import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Location } from 'vscode-languageserver-types';
import { buildModel } from '../src/service/model';
import { findReferences } from '../src/service/references';
import { positionOf, sharedText } from './helpers';

const text = sharedText('references');
const uri = 'file:///w/Dockerfile';
const model = buildModel(text, uri);
const lines = text.split('\n');

/** `line:text` of each location, so the assertions read like the file. */
const show = (locations: Location[]) =>
  locations.map((l) => {
    assert.equal(l.uri, uri);
    assert.equal(l.range.start.line, l.range.end.line);
    return `${l.range.start.line}:${lines[l.range.start.line].slice(l.range.start.character, l.range.end.character)}`;
  });

const all = ['1:builder', '2:builder', '3:Builder', '4:${BASE}', '6:builder', '7:0'];

test('every kind of reference to a stage, in document order, declaration first', () => {
  assert.deepEqual(show(findReferences(model, positionOf(text, 'AS builder', 4), true)), all);
});

test('without the declaration; the same answer from any reference', () => {
  const uses = all.slice(1);
  assert.deepEqual(show(findReferences(model, positionOf(text, 'AS builder', 4), false)), uses);
  assert.deepEqual(show(findReferences(model, positionOf(text, 'from=Builder', 5), false)), uses);
  assert.deepEqual(show(findReferences(model, positionOf(text, '--from=0', 7), false)), uses);
  assert.deepEqual(show(findReferences(model, positionOf(text, '${BASE}', 3), false)), uses);
});

test('exact range of a reference', () => {
  const start = positionOf(text, '--from=builder', 7);
  assert.deepEqual(findReferences(model, start, false)[3], { uri, range: { start, end: { line: start.line, character: start.character + 7 } } });
});

test('an image that only looks like the stage, words in RUN, and unnamed stages without uses give nothing', () => {
  assert.deepEqual(findReferences(model, positionOf(text, 'builder:latest', 2), true), []);
  assert.deepEqual(findReferences(model, positionOf(text, 'echo builder', 6), true), []);
  assert.deepEqual(findReferences(model, positionOf(text, 'FROM scratch', 1), true), []);
});

test('a stage nobody uses has only its declaration', () => {
  assert.deepEqual(show(findReferences(model, positionOf(text, 'AS dev', 4), true)), ['4:dev']);
});
