/** A quick fix that renames a stage and every reference to it (through rename.ts). */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../../model';
import { isRefusal, renameStage } from '../../rename';
import { fromEdit } from './fixes';

export function renameFix(model: StageModel, stage: Stage, newName: string, diagnostic: Diagnostic, preferred = false): CodeAction[] {
  const anchor = stage.nameRange?.start;
  if (!anchor) return [];
  const edit = renameStage(model, anchor, newName);
  if (isRefusal(edit)) return [];
  return [fromEdit(`Rename stage to '${newName}'`, edit, diagnostic, preferred)];
}

/** The stage whose name a diagnostic's range covers. */
export function stageNamedAt(model: StageModel, diagnostic: Diagnostic): Stage | undefined {
  const { start } = diagnostic.range;
  return model.stages.find((s) => s.nameRange && s.nameRange.start.line === start.line && s.nameRange.start.character === start.character);
}
