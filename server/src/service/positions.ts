import type { Position, Range } from 'vscode-languageserver-types';

export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

/** True when `pos` is inside `range`, both ends included (a cursor right after a word still touches it). */
export function rangeContains(range: Range, pos: Position): boolean {
  return comparePositions(range.start, pos) <= 0 && comparePositions(pos, range.end) <= 0;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

export function makeRange(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

/**
 * Binary search over items sorted by their range start, returning the item whose range contains `pos`.
 * Items must not overlap.
 */
export function findContaining<T>(items: readonly T[], pos: Position, rangeOf: (item: T) => Range): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rangeOf(items[mid]);
    if (comparePositions(pos, r.start) < 0) hi = mid - 1;
    else if (comparePositions(r.end, pos) < 0) lo = mid + 1;
    else return items[mid];
  }
  return undefined;
}
