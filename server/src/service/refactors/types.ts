import type { CodeAction, Range } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import type { Settings } from '../settings';

export interface RefactorContext {
  model: StageModel;
  /** The selection or cursor the user asked for actions at. */
  range: Range;
  settings: Settings;
}

export interface Refactor {
  /** Stable id, also the module name in this folder. */
  id: string;
  /** The actions this refactor offers at the range (empty when it does not apply). */
  actions(ctx: RefactorContext): CodeAction[];
}
