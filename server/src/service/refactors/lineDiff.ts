/**
 * Minimal text edits between a range of a document's lines and their new text: a line diff (longest
 * common subsequence), so a client's preview shows the inserted and the changed lines, not one
 * replaced document.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import { documentLines, eolOf } from './edits';

/** Beyond this many line pairs the diff is skipped and the range replaced whole (bounded time). */
const MAX_CELLS = 2_000_000;

/** Edits turning lines `first`..`last` of the document into `newLines`. */
export function lineDiffEdits(model: StageModel, first: number, last: number, newLines: readonly string[]): TextEdit[] {
  const all = documentLines(model);
  const eol = eolOf(model);
  const old = all.slice(first, last + 1);
  const hunks = diff(old, newLines);
  return hunks.map((h) => hunkEdit(model, all, eol, first + h.oldStart, first + h.oldEnd, newLines.slice(h.newStart, h.newEnd)));
}

interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

function diff(a: readonly string[], b: readonly string[]): Hunk[] {
  if (a.length * b.length > MAX_CELLS) return [{ oldStart: 0, oldEnd: a.length, newStart: 0, newEnd: b.length }];
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: Hunk | undefined;
  const close = () => {
    if (open) hunks.push(open);
    open = undefined;
  };
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      close();
      i++;
      j++;
      continue;
    }
    open ??= { oldStart: i, oldEnd: i, newStart: j, newEnd: j };
    if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) open.newEnd = ++j;
    else open.oldEnd = ++i;
  }
  close();
  return hunks;
}

/** One hunk as an edit of whole lines (line `end` exclusive), careful at the end of the document. */
function hunkEdit(model: StageModel, all: readonly string[], eol: string, start: number, end: number, lines: readonly string[]): TextEdit {
  if (end < all.length) {
    return { range: { start: { line: start, character: 0 }, end: { line: end, character: 0 } }, newText: lines.map((l) => l + eol).join('') };
  }
  const docEnd = model.document.positionAt(model.document.getText().length);
  if (start < all.length) {
    if (lines.length > 0) return { range: { start: { line: start, character: 0 }, end: docEnd }, newText: lines.join(eol) };
    const previous = start - 1;
    return { range: { start: previous >= 0 ? { line: previous, character: all[previous].length } : { line: 0, character: 0 }, end: docEnd }, newText: '' };
  }
  return { range: { start: docEnd, end: docEnd }, newText: eol + lines.join(eol) };
}
