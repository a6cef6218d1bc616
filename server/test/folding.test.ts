import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import { buildModel } from '../src/service/model';
import { foldingRanges } from '../src/service/folding';
import { listFixtures, positionOf, readFixture, sharedText } from './helpers';

const text = sharedText('folding');
const line = (needle: string) => positionOf(text, needle).line;

test('stages, continuations, heredoc bodies and comment blocks; the stage keeps its multi-line FROM line', () => {
  assert.deepEqual(foldingRanges(buildModel(text)), [
    { startLine: line('# Builds'), endLine: line('# Second'), kind: FoldingRangeKind.Comment },
    { startLine: line('FROM --platform'), endLine: line('\nB') + 1 },
    { startLine: line('RUN go build'), endLine: line('-o /app') },
    { startLine: line('RUN <<EOF'), endLine: line('\nEOF') + 1 },
    // The first heredoc starts on the instruction's line, which the instruction already folds.
    { startLine: line('COPY <<A'), endLine: line('\nB') + 1 },
    { startLine: line('b1'), endLine: line('\nB') + 1 },
    { startLine: line('FROM scratch'), endLine: line('COPY --from') },
  ]);
});

test('a heredoc opened on a continuation line nests inside the instruction', () => {
  const source = 'FROM alpine\nRUN --mount=type=cache,target=/c \\\n    <<EOF\nmake\nEOF\n';
  assert.deepEqual(foldingRanges(buildModel(source)), [
    { startLine: 0, endLine: 4 },
    { startLine: 1, endLine: 4 },
    { startLine: 2, endLine: 4 },
  ]);
});

test('an unterminated heredoc folds to the end of the file', () => {
  assert.deepEqual(foldingRanges(buildModel('FROM alpine\nRUN <<EOF\necho\nmore')), [
    { startLine: 0, endLine: 3 },
    { startLine: 1, endLine: 3 },
  ]);
});

/** VS Code drops ranges that share a start line or cross each other. */
function checkWellFormed(ranges: FoldingRange[], lineCount: number, where: string): void {
  const starts = new Set<number>();
  for (const r of ranges) {
    assert.ok(r.startLine < r.endLine && r.endLine < lineCount, `${where}: ${JSON.stringify(r)}`);
    assert.ok(!starts.has(r.startLine), `${where}: two ranges start on line ${r.startLine}`);
    starts.add(r.startLine);
  }
  for (const a of ranges) {
    for (const b of ranges) {
      const crossing = a.startLine < b.startLine && b.startLine <= a.endLine && a.endLine < b.endLine;
      assert.ok(!crossing, `${where}: ${JSON.stringify(a)} crosses ${JSON.stringify(b)}`);
    }
  }
}

test('every fixture and odd input: unique start lines, nested or disjoint, inside the document', () => {
  for (const fixture of listFixtures()) {
    const model = buildModel(readFixture(fixture));
    checkWellFormed(foldingRanges(model), model.document.lineCount, fixture);
  }
  for (const source of ['', 'FROM', 'RUN \\', '#\n#', 'FROM a\nRUN <<EOF', 'FROM a \\\n\\\n\\\n']) {
    const model = buildModel(source);
    checkWellFormed(foldingRanges(model), model.document.lineCount, JSON.stringify(source));
  }
});
