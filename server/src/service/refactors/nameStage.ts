/**
 * Name stage: give an unnamed stage `AS <name>` (a descriptive default when none is given) and rewrite
 * every numeric `--from=N` that means it to the name. On a named stage it only rewrites the numeric
 * references; with a different name it renames through the rename feature.
 */
import { asKeyword } from '../facts/text';
import { CodeActionKind, type CodeAction, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { referenceAt, referencesTo, type Stage, type StageModel } from '../model';
import { isRefusal, renameStage } from '../rename';
import { STAGE_NAME_PATTERN, stageNameProblem } from '../stageNames';
import { documentEdit } from './edits';
import { suggestStageName, takenNames } from './stageNameSuggestion';
import { some, stageOnFromLine } from './cursor';
import type { Refactor } from './types';

export function nameStage(model: StageModel, stageIndex: number, name?: string): CodeAction | undefined {
  const stage = model.stages[stageIndex];
  if (!stage) return undefined;
  const numeric = referencesTo(model, stage).filter((r) => r.resolution.kind === 'stage' && r.resolution.by === 'index');
  if (stage.name && (name === undefined || name.toLowerCase() === stage.normalizedName)) {
    // A name BuildKit rejects (`AS $BASE`) is no better than the number.
    if (numeric.length === 0 || !STAGE_NAME_PATTERN.test(stage.normalizedName as string)) return undefined;
    const edits = numeric.map((r) => ({ range: r.range, newText: stage.name as string }));
    return action(`Use the name '${stage.name}' instead of --from=${stage.index}`, documentEdit(model, edits));
  }
  if (stage.name && name !== undefined) return renamed(model, stage, name, numeric.map((r) => r.range));
  // `AS <name>` goes right after the image; a FROM with more than the image (`FROM img junk`,
  // `FROM img AS`) is malformed already and would only get worse.
  if (!stage.baseImageRange || stage.from.getArguments().length !== 1) return undefined;
  const chosen = name ?? suggestStageName(model, stage);
  if (stageNameProblem(chosen, takenNames(model))) return undefined;
  const as = asKeyword(stage);
  const edits: TextEdit[] = [{ range: { start: stage.baseImageRange.end, end: stage.baseImageRange.end }, newText: ` ${as} ${chosen}` }];
  for (const r of numeric) edits.push({ range: r.range, newText: chosen });
  const uses = numeric.length === 0 ? '' : ` and use it in ${numeric.length === 1 ? '--from=' + stage.index : numeric.length + ' references'}`;
  return action(`Name stage ${stage.index} '${chosen}'${uses}`, documentEdit(model, edits));
}

/** A named stage renamed (rename.ts does names, ARG defaults and refusals), numeric references included. */
function renamed(model: StageModel, stage: Stage, name: string, numeric: TextEdit['range'][]): CodeAction | undefined {
  const edit = renameStage(model, (stage.nameRange as TextEdit['range']).start, name);
  if (isRefusal(edit)) return undefined;
  const change = edit.documentChanges?.[0];
  if (!change || !('edits' in change)) return undefined;
  const merged: WorkspaceEdit = documentEdit(model, [...change.edits, ...numeric.map((range) => ({ range, newText: name }))]);
  return action(`Rename stage '${stage.name}' to '${name}'`, merged);
}

function action(title: string, edit: WorkspaceEdit): CodeAction {
  return { title, kind: CodeActionKind.RefactorRewrite, edit };
}

export const nameStageRefactor: Refactor = {
  id: 'nameStage',
  kind: CodeActionKind.RefactorRewrite,
  title: 'Name stage',
  actions: ({ model, range }) => {
    const reference = referenceAt(model, range.start);
    if (reference?.resolution.kind === 'stage' && reference.resolution.by === 'index') return some(nameStage(model, reference.resolution.stage));
    const stage = stageOnFromLine(model, range.start);
    return stage && !stage.name ? some(nameStage(model, stage.index)) : [];
  },
  run: ({ model }, { stage, name }) => nameStage(model, stage, name),
};
