/**
 * Remove stage: delete a stage nothing needs (no stage copies from it, mounts it or builds FROM it, not
 * even through an ARG-selected FROM, and it is not the last stage), with its comments, renumbering the
 * numeric references to the stages after it.
 */
import { stageRef } from '../facts/labels';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import { possibleDependencies } from '../facts/neededStages';
import { documentEdit } from './edits';
import { stageDeletionRange } from './layout';
import { afterRemoveAt, renumberEdits } from './stageIndexShift';
import { onFromLine } from './cursor';
import type { Refactor } from './types';

export function removeStage(model: StageModel, stageIndex: number): CodeAction | undefined {
  const stage = model.stages[stageIndex];
  if (!stage || stageIndex === model.stages.length - 1 || !isUnused(model, stageIndex)) return undefined;
  const edits = [
    { range: stageDeletionRange(model, stage), newText: '' },
    ...renumberEdits(model, afterRemoveAt(stageIndex), (r) => r.inStage === stageIndex),
  ];
  return { title: `Remove unused ${stageRef(stage)}`, kind: CodeActionKind.RefactorRewrite, edit: documentEdit(model, edits) };
}

/** Whether no stage needs `stageIndex` (ARG-selected FROMs included). */
export function isUnused(model: StageModel, stageIndex: number): boolean {
  return possibleDependencies(model).every((deps, from) => from === stageIndex || !deps.includes(stageIndex));
}

export const removeStageRefactor: Refactor = {
  id: 'removeStage',
  kind: CodeActionKind.RefactorRewrite,
  title: 'Remove unused stage',
  actions: onFromLine(removeStage),
  run: ({ model }, { stage }) => removeStage(model, stage),
};
