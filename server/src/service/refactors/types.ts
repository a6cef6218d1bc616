import type { CodeAction, Range } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import type { FileFacts } from '../facts/files';
import type { Settings } from '../settings';
import type { ContextFiles } from './ecosystems/types';

export interface RefactorContext {
  model: StageModel;
  /** The selection or cursor the user asked for actions at. */
  range: Range;
  settings: Settings;
  /** What the server knows about the files around the Dockerfile (.dockerignore), when it knows. */
  files?: FileFacts;
  /** Read access to the build context (Cargo.toml, package.json, go.mod…) for sharper artifact inference. */
  context?: ContextFiles;
}

export interface Refactor {
  /** Stable id, also the module name in this folder. */
  id: string;
  /** The actions this refactor offers at the range (empty when it does not apply). */
  actions(ctx: RefactorContext): CodeAction[];
}
