import type { CodeAction } from 'vscode-languageserver-types';
import type { Refactor, RefactorContext } from './types';

/** Every refactor, one module each in this folder. */
export const refactors: Refactor[] = [];

export function refactorActions(ctx: RefactorContext): CodeAction[] {
  return refactors.flatMap((r) => r.actions(ctx));
}
