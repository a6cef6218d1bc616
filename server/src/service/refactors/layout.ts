/**
 * A stage as blocks of text: each instruction with the comment (and blank) lines written above it, so a
 * refactor can move an instruction and its comments together, exactly as written (continuation lines,
 * heredoc bodies, inner comments, escape character and all).
 */
import { asKeyword } from '../facts/text';
import type { Instruction } from 'dockerfile-ast';
import type { Stage, StageModel } from '../model';
import type { Range } from 'vscode-languageserver-types';
import { applyTextEdits, documentLines, wholeLinesRange } from './edits';

export interface InstructionBlock {
  instruction: Instruction;
  /** Comment lines between the previous instruction (or FROM) and this one, blank lines at the top dropped. */
  comments: string[];
  /** Whether a blank line separated this block from what came before it. */
  blankBefore: boolean;
  /** The instruction's whole lines as written. */
  lines: string[];
  /** First line of the block (its first comment, or the instruction). */
  firstLine: number;
  lastLine: number;
}

/** The blocks of a stage's instructions, in order. */
export function stageBlocks(model: StageModel, stage: Stage): InstructionBlock[] {
  const all = documentLines(model);
  let previousEnd = stage.fromRange.end.line;
  return stage.instructions.map((instruction) => {
    const block = blockOf(all, instruction, previousEnd);
    previousEnd = block.lastLine;
    return block;
  });
}

/** The block of one instruction, given the last line of whatever precedes it. */
export function blockOf(all: readonly string[], instruction: Instruction, previousEnd: number): InstructionBlock {
  const range = instruction.getRange();
  const gap = all.slice(previousEnd + 1, range.start.line);
  let skip = 0;
  while (skip < gap.length && gap[skip].trim() === '') skip++;
  const comments = gap.slice(skip);
  return {
    instruction,
    comments,
    blankBefore: skip > 0,
    lines: all.slice(range.start.line, range.end.line + 1),
    firstLine: range.start.line - comments.length,
    lastLine: range.end.line,
  };
}

/** A block's lines, with its comments, preceded by one blank line when it had one (and `allowBlank`). */
export function renderBlock(block: InstructionBlock, allowBlank = true): string[] {
  return [...(allowBlank && block.blankBefore ? [''] : []), ...block.comments, ...block.lines];
}

/** The lines of an instruction as written. */
export function instructionLines(model: StageModel, instruction: Instruction): string[] {
  const range = instruction.getRange();
  return documentLines(model).slice(range.start.line, range.end.line + 1);
}

export { keyword } from '../facts/text';

/** A stage's FROM line(s) as written, with its name replaced by `name` (or `AS name` added). */
export function fromLinesNamed(model: StageModel, stage: Stage, name: string): string[] {
  const end = (stage.baseImageRange ?? stage.fromRange).end;
  const edit = stage.nameRange ? { range: stage.nameRange, newText: name } : { range: { start: end, end }, newText: ` ${asKeyword(stage)} ${name}` };
  const r = stage.fromRange;
  return applyTextEdits(model.document.getText(), [edit]).split(/\r\n|\r|\n/).slice(r.start.line, r.end.line + 1);
}

/** The lines of a whole stage for deleting it: its comments above, FROM to last line, and the blank lines after. */
export function stageDeletionRange(model: StageModel, stage: Stage): Range {
  const lines = documentLines(model);
  let last = stage.range.end.line;
  while (last + 1 < lines.length - 1 && lines[last + 1].trim() === '') last++;
  return wholeLinesRange(model, stage.docCommentRange?.start.line ?? stage.fromRange.start.line, last);
}
