/** Every refactor, one module each in this folder; each describes itself and decides from the cursor whether it applies. */
import type { CodeAction } from 'vscode-languageserver-types';
import { createDockerignoreRefactor } from './createDockerignore';
import { extractBuilderStageRefactor } from './extractBuilderStage';
import { extractCommonBaseRefactor } from './extractCommonBase';
import { inlineStageRefactor } from './inlineStage';
import { moveManifestsBeforeCopyRefactor } from './moveManifestsBeforeCopy';
import { nameStageRefactor } from './nameStage';
import { removeStageRefactor } from './removeStage';
import { splitStageRefactor } from './splitStage';
import type { Refactor, RefactorContext } from './types';
import { unifyStageSpellingRefactor } from './unifyStageSpelling';

export const refactors: Refactor[] = [
  extractBuilderStageRefactor,
  nameStageRefactor,
  unifyStageSpellingRefactor,
  extractCommonBaseRefactor,
  inlineStageRefactor,
  splitStageRefactor,
  removeStageRefactor,
  moveManifestsBeforeCopyRefactor,
  createDockerignoreRefactor,
];

export function refactorById(id: string): Refactor | undefined {
  return refactors.find((r) => r.id === id);
}

/** The actions of one refactor at the range; one that throws (a bug on odd input, or edits it may not emit) offers nothing. */
export function actionsOf(refactor: Refactor, ctx: RefactorContext): CodeAction[] {
  try {
    return refactor.actions(ctx);
  } catch {
    return [];
  }
}

/** The actions of every refactor at the range; one that throws costs only its own. */
export function refactorActions(ctx: RefactorContext): CodeAction[] {
  return refactors.flatMap((r) => actionsOf(r, ctx));
}
