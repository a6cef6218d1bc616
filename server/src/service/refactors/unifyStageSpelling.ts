/**
 * Rename a stage consistently: lower-case its name (BuildKit stores it lower-cased) and spell every
 * reference exactly like it, through the rename feature (rename.ts) so ARG defaults are handled the
 * same way and nothing is renamed twice.
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { referencesTo, type StageModel } from '../model';
import { isRefusal, renameStage } from '../rename';
import { some } from './cursor';
import type { Refactor } from './types';
import { stageTargetAt } from '../stageTarget';

export function unifyStageSpelling(model: StageModel, stageIndex: number): CodeAction | undefined {
  const stage = model.stages[stageIndex];
  if (!stage?.name || !stage.nameRange) return undefined;
  const wanted = stage.name.toLowerCase();
  const byName = referencesTo(model, stage).filter((r) => r.resolution.kind === 'stage' && r.resolution.by === 'name' && !r.resolution.viaArg);
  if (stage.name === wanted && byName.every((r) => r.value === wanted)) return undefined;
  const edit = renameStage(model, stage.nameRange.start, wanted);
  if (isRefusal(edit)) return undefined;
  const title = stage.name === wanted ? `Spell every reference to stage '${wanted}' the same way` : `Rename stage '${stage.name}' to '${wanted}' everywhere`;
  return { title, kind: CodeActionKind.RefactorRewrite, edit };
}

export const unifyStageSpellingRefactor: Refactor = {
  id: 'unifyStageSpelling',
  kind: CodeActionKind.RefactorRewrite,
  title: 'Unify stage name spelling',
  actions: ({ model, range }) => {
    const target = stageTargetAt(model, range.start);
    return target ? some(unifyStageSpelling(model, target.stage.index)) : [];
  },
  run: ({ model }, { stage }) => unifyStageSpelling(model, stage),
};
