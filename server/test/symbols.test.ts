import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import { buildModel } from '../src/service/model';
import { documentSymbols } from '../src/service/symbols';
import { comparePositions } from '../src/service/positions';
import { listFixtures, positionOf, readFixture, sharedText } from './helpers';

const text = sharedText('outline');

const outline = (symbols: DocumentSymbol[]): unknown[] =>
  symbols.map((s) => (s.children ? [s.name, s.detail, s.kind, outline(s.children)] : [s.name, s.detail, s.kind]));

test('global ARGs first, then stages holding their instructions', () => {
  assert.deepEqual(outline(documentSymbols(buildModel(text))), [
    ['VARIANT', '= alpine', SymbolKind.Variable],
    ['BUILD_ID', 'global ARG', SymbolKind.Variable],
    ['base-alpine', 'alpine:3.20', SymbolKind.Module, []],
    [
      'app',
      'base-${VARIANT} → base-alpine',
      SymbolKind.Module,
      [
        ['ENV A=1', undefined, SymbolKind.Variable],
        ['RUN apk add curl', undefined, SymbolKind.Function],
        ['COPY --from=base-alpine /etc /etc', undefined, SymbolKind.File],
      ],
    ],
    [
      'stage 2',
      '→ app',
      SymbolKind.Module,
      [
        ['RUN <<EOF', undefined, SymbolKind.Function],
        [`LABEL description="${'x'.repeat(40)}…`, undefined, SymbolKind.Property],
        ['CMD ["app"]', undefined, SymbolKind.Method],
      ],
    ],
  ]);
});

test('ranges: the stage from FROM to its last instruction, selection on the name or FROM keyword', () => {
  const symbols = documentSymbols(buildModel(text));
  const app = symbols[3];
  assert.deepEqual(app.range, { start: positionOf(text, 'FROM base-'), end: positionOf(text, '/etc /etc', 9) });
  assert.deepEqual(app.selectionRange, { start: positionOf(text, 'app'), end: positionOf(text, 'app', 3) });
  assert.deepEqual(symbols[4].selectionRange, { start: positionOf(text, 'FROM app'), end: positionOf(text, 'FROM app', 4) });
  assert.deepEqual(symbols[0].selectionRange, { start: positionOf(text, 'VARIANT'), end: positionOf(text, 'VARIANT', 7) });
  assert.deepEqual(symbols[4].children?.[0].range, { start: positionOf(text, 'run <<EOF'), end: positionOf(text, '\nEOF', 4) });
});

const inside = (inner: Range, outer: Range) => comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;

function checkNesting(symbols: DocumentSymbol[], parent: Range | undefined, where: string): void {
  for (const s of symbols) {
    assert.ok(inside(s.selectionRange, s.range), `${where}: selectionRange of ${s.name} outside its range`);
    if (parent) assert.ok(inside(s.range, parent), `${where}: ${s.name} outside its parent`);
    assert.ok(s.name.length > 0 && s.name.length <= 60, `${where}: name '${s.name}'`);
    checkNesting(s.children ?? [], s.range, where);
  }
}

test('every fixture: selection inside range, children inside parents, short non-empty names', () => {
  for (const fixture of listFixtures()) checkNesting(documentSymbols(buildModel(readFixture(fixture))), undefined, fixture);
});

test('half-typed input gives a valid outline', () => {
  for (const source of ['', 'FROM', 'FROM ', 'ARG', 'FROM a AS', 'RUN \\', 'FROM a\nRUN <<EOF\n']) {
    checkNesting(documentSymbols(buildModel(source)), undefined, JSON.stringify(source));
  }
});
