/**
 * Building the WorkspaceEdits every refactor returns: versioned document changes, the document's own
 * line ending, and a pure `applyTextEdits` (used to compose generated text and by the tests).
 */
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import { comparePositions } from '../positions';

/** Edits to the model's document, tied to the version they were computed for. */
export function documentEdit(model: StageModel, edits: TextEdit[]): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri: model.uri, version: model.version }, edits }] };
}

export { eolOf } from '../facts/text';

/** Every line of the document, without line terminators (\r\n, \n and a lone \r, as LSP positions count them). */
export function documentLines(model: StageModel): string[] {
  return model.document.getText().split(/\r\n|\r|\n/);
}

export function pos(line: number, character = 0): Position {
  return { line, character };
}

/** The whole lines `first`..`last` with one line break: the one after `last`, or before `first` at the end of the file. */
export function wholeLinesRange(model: StageModel, first: number, last: number): Range {
  if (last + 1 < model.document.lineCount) return { start: pos(first), end: pos(last + 1) };
  const end = model.document.positionAt(model.document.getText().length);
  if (first === 0) return { start: pos(0), end };
  return { start: pos(first - 1, documentLines(model)[first - 1].length), end };
}

/** Applies non-overlapping edits to `text` (positions refer to the original text). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const offset = (p: Position) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => comparePositions(a.edit.range.start, b.edit.range.start) || a.order - b.order);
  let out = '';
  let cursor = 0;
  for (const { edit } of sorted) {
    const start = offset(edit.range.start);
    const end = offset(edit.range.end);
    if (start < cursor) throw new Error('overlapping edits');
    out += text.slice(cursor, start) + edit.newText;
    cursor = end;
  }
  return out + text.slice(cursor);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  return starts;
}
