/**
 * Folding: one range per stage, per multi-line instruction, per heredoc body and per block of two or
 * more comment lines. VS Code keeps one range per start line and drops ranges that cross another, so
 * ranges only nest (a heredoc inside its instruction inside its stage), the first range claiming a
 * start line wins, and stages claim theirs first.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { Comment, Heredoc, Instruction } from 'dockerfile-ast';
import type { StageModel } from './model';

type Add = (startLine: number, endLine: number, kind?: FoldingRangeKind) => void;

export function foldingRanges(model: StageModel): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const claimed = new Set<number>();
  const lastLine = model.document.lineCount - 1;
  const add: Add = (startLine, endLine, kind) => {
    const end = Math.min(endLine, lastLine);
    if (end <= startLine || claimed.has(startLine)) return;
    claimed.add(startLine);
    ranges.push(kind ? { startLine, endLine: end, kind } : { startLine, endLine: end });
  };
  for (const stage of model.stages) add(stage.fromRange.start.line, stage.range.end.line);
  for (const instruction of model.dockerfile.getInstructions()) addInstruction(model, instruction, add);
  addCommentBlocks(model.dockerfile.getComments(), add);
  return ranges.sort((a, b) => a.startLine - b.startLine);
}

/** The whole instruction, then each heredoc body nested in it (from its `<<EOF` line when that line is free). */
function addInstruction(model: StageModel, instruction: Instruction, add: Add): void {
  const range = instruction.getRange();
  add(range.start.line, range.end.line);
  const heredocs = heredocsOf(model, instruction);
  if (heredocs.length === 0) return;
  const bodyStart = (heredocs[0].getContentRange() ?? heredocs[0].getDelimiterRange())?.start.line ?? range.end.line + 1;
  // Never above the instruction (dockerfile-ast can put a body on the `<<EOF` line itself, e.g. after a lone \r).
  let start = Math.max(range.start.line, bodyStart - 1);
  for (const heredoc of heredocs) {
    const end = (heredoc.getDelimiterRange() ?? heredoc.getContentRange())?.end.line ?? range.end.line;
    add(start, end);
    start = end + 1;
  }
}

function heredocsOf(model: StageModel, instruction: Instruction): Heredoc[] {
  const keyword = instruction.getKeyword();
  if (keyword !== 'RUN' && keyword !== 'COPY') return [];
  // dockerfile-ast's heredoc parsing is slow on long instructions; most have no `<<` at all.
  if (!model.document.getText(instruction.getRange()).includes('<<')) return [];
  return (instruction as Instruction & { getHeredocs(): Heredoc[] }).getHeredocs();
}

function addCommentBlocks(comments: Comment[], add: Add): void {
  let blockStart = -1;
  let previous = -2;
  for (const comment of comments) {
    const line = comment.getRange().start.line;
    if (line !== previous + 1) {
      add(blockStart, previous, FoldingRangeKind.Comment);
      blockStart = line;
    }
    previous = line;
  }
  add(blockStart, previous, FoldingRangeKind.Comment);
}
