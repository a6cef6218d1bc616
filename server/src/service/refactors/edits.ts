/**
 * The one edit builder every refactor and rule fix goes through: versioned document changes, no-op and
 * repeated edits dropped, and overlapping edits refused (an LSP client rejects the whole edit, so we
 * never emit one). Also the document's own line ending, and a pure `applyTextEdits`.
 */
import type { ChangeAnnotation, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import { comparePositions } from '../positions';

/** Thrown instead of building an edit whose text edits overlap; the caller offers no action. */
export class OverlappingEditsError extends Error {
  constructor(readonly first: TextEdit, readonly second: TextEdit) {
    super(`overlapping edits at ${first.range.start.line}:${first.range.start.character} and ${second.range.start.line}:${second.range.start.character}`);
  }
}

/** A change annotation shared by every edit of a WorkspaceEdit (e.g. "needs confirmation"). */
export interface AnnotatedEdits {
  id: string;
  annotation: ChangeAnnotation;
}

/**
 * Edits to the model's document, tied to the version they were computed for. Throws
 * OverlappingEditsError rather than returning edits an LSP client would reject.
 */
export function documentEdit(model: StageModel, edits: TextEdit[], annotated?: AnnotatedEdits): WorkspaceEdit {
  const checked = checkedEdits(model, edits).map((e) => (annotated ? { ...e, annotationId: annotated.id } : e));
  const edit: WorkspaceEdit = { documentChanges: [{ textDocument: { uri: model.uri, version: model.version }, edits: checked }] };
  if (annotated) edit.changeAnnotations = { [annotated.id]: annotated.annotation };
  return edit;
}

/**
 * The edits without no-ops (replacing text with itself) and exact repeats, in their given order;
 * throws when two of them overlap the way an LSP client checks it (sorted stably by start, each must
 * start at or after the end of the one before).
 */
export function checkedEdits(model: StageModel, edits: readonly TextEdit[]): TextEdit[] {
  const text = model.document.getText();
  const seen = new Set<string>();
  const kept = edits.map((e) => afterByteOrderMark(text, e)).filter((e) => {
    const key = JSON.stringify([e.range, e.newText]);
    if (seen.has(key)) return false;
    seen.add(key);
    return text.slice(model.document.offsetAt(e.range.start), model.document.offsetAt(e.range.end)) !== e.newText;
  });
  const sorted = kept.map((edit, order) => ({ edit, order })).sort((a, b) => comparePositions(a.edit.range.start, b.edit.range.start) || a.order - b.order);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1].edit;
    if (model.document.offsetAt(sorted[i].edit.range.start) < model.document.offsetAt(previous.range.end)) throw new OverlappingEditsError(previous, sorted[i].edit);
  }
  return kept;
}

/**
 * A byte order mark stays the file's first character, once: an edit from the very start begins after
 * it, and a mark copied along with the first line (a refactor writing that line again, here or
 * elsewhere) is not written again at the start of a line.
 */
function afterByteOrderMark(text: string, edit: TextEdit): TextEdit {
  if (!text.startsWith('\uFEFF')) return edit;
  const newText = edit.newText.replace(/(^|\n)\uFEFF/g, '$1');
  const { start, end } = edit.range;
  if (start.line !== 0 || start.character !== 0) return newText === edit.newText ? edit : { ...edit, newText };
  const afterMark = { line: 0, character: 1 };
  return { newText, range: { start: afterMark, end: end.line === 0 && end.character === 0 ? afterMark : end } };
}

/** Whether `position` lies inside `range` (start inclusive, end exclusive). */
export function rangeContains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) < 0;
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
