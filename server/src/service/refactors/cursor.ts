/** Where the cursor is, in the terms refactors decide on: which stage, its FROM line, which instruction. */
import type { Instruction } from 'dockerfile-ast';
import type { CodeAction, Position } from 'vscode-languageserver-types';
import { stageAt, type Stage, type StageModel } from '../model';
import type { RefactorContext } from './types';

/** The stage whose lines (its comments above included) hold `pos`. */
export function stageAtLine(model: StageModel, pos: Position): Stage | undefined {
  return stageAt(model, { line: pos.line, character: 0 }) ?? stageAt(model, pos) ?? model.stages.find((s) => s.docCommentRange && s.docCommentRange.start.line <= pos.line && pos.line <= s.docCommentRange.end.line);
}

/** The stage whose FROM instruction holds `pos`. */
export function stageOnFromLine(model: StageModel, pos: Position): Stage | undefined {
  return model.stages.find((s) => s.fromRange.start.line <= pos.line && pos.line <= s.fromRange.end.line);
}

/** The index in `stage.instructions` of the instruction whose lines hold `pos`, or -1. */
export function instructionIndexAt(stage: Stage, pos: Position): number {
  return stage.instructions.findIndex((i: Instruction) => i.getRange().start.line <= pos.line && pos.line <= i.getRange().end.line);
}

/** The stage and instruction (with its index) whose lines hold `pos`. */
export function instructionAtCursor(model: StageModel, pos: Position): { stage: Stage; index: number; instruction: Instruction } | undefined {
  const stage = stageAtLine(model, pos);
  const index = stage ? instructionIndexAt(stage, pos) : -1;
  return stage && index >= 0 ? { stage, index, instruction: stage.instructions[index] } : undefined;
}

/** The action, if any, as a list. */
export const some = (action: CodeAction | undefined): CodeAction[] => (action ? [action] : []);

/** Offers `run` for the stage whose FROM line the cursor is on. */
export const onFromLine =
  (run: (model: StageModel, stageIndex: number) => CodeAction | undefined) =>
  ({ model, range }: RefactorContext): CodeAction[] => {
    const stage = stageOnFromLine(model, range.start);
    return stage ? some(run(model, stage.index)) : [];
  };
