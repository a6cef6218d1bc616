import type { Position } from 'vscode-languageserver-types';
import { referenceAt, stageNameAt, targetStage, type Stage, type StageModel, type StageReference } from './model';

export interface StageTarget {
  stage: Stage;
  /** The reference under the cursor, when the cursor is on a reference rather than the declaration. */
  reference?: StageReference;
}

/** The stage meant at `pos`: the one a reference there resolves to, or the one whose name is there. */
export function stageTargetAt(model: StageModel, pos: Position): StageTarget | undefined {
  const reference = referenceAt(model, pos);
  if (reference) {
    const stage = targetStage(model, reference);
    return stage ? { stage, reference } : undefined;
  }
  const stage = stageNameAt(model, pos);
  return stage ? { stage } : undefined;
}
