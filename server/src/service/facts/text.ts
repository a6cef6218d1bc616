/** Text the features write back into a Dockerfile: line endings, keyword casing, and regex-safe names. */
import type { Stage, StageModel } from '../model';

/** The line ending the document uses: that of its first line break (CRLF, LF or a lone CR), else LF. */
export function eolOf(model: StageModel): string {
  const m = /\r\n|\r|\n/.exec(model.document.getText());
  return m ? m[0] : '\n';
}

/** `text` with every RegExp metacharacter escaped, to match it literally (names come from the Dockerfile: `ARG (` must not throw). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `word` in the casing of `written` (a keyword as the file spells it): lower-case when that is all lower-case, else upper-case. */
export function casedLike(written: string, word: string): string {
  return written !== '' && written === written.toLowerCase() ? word.toLowerCase() : word.toUpperCase();
}

/** A keyword for a new line, in the casing the file uses for its FROM lines (`copy` in an all-lower-case file). */
export function keyword(model: StageModel, word: string): string {
  return casedLike(model.stages[0]?.from.getInstruction() ?? '', word);
}

/** The `AS` keyword for `stage`'s FROM line, cased like that line's FROM (`from … as x`). */
export function asKeyword(stage: Stage): string {
  return casedLike(stage.from.getInstruction(), 'AS');
}
