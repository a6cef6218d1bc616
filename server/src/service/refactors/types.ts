import type { CodeAction, CodeActionKind, Range } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import type { FileFacts } from '../facts/files';
import type { Settings } from '../../protocol';
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

/** What a refactor works on when it is chosen directly rather than from a cursor (golden cases, tests). */
export interface RefactorTarget {
  stage: number;
  /** The instruction a split happens before. */
  instruction?: number;
  /** The name a naming refactor gives (else its own suggestion). */
  name?: string;
}

/** A refactor describes itself, so the registry, the code actions and the golden runner need no switch. */
export interface Refactor {
  /** Stable id, also the module name in this folder. */
  id: string;
  /** The code action kind of every action it offers. */
  kind: CodeActionKind;
  /** What it does, in general (each action's title says what it does here). */
  title: string;
  /** The actions this refactor offers at the range (empty when it does not apply). */
  actions(ctx: RefactorContext): CodeAction[];
  /** Its action on a chosen stage (undefined when it does not apply there). */
  run(ctx: Omit<RefactorContext, 'range'>, target: RefactorTarget): CodeAction | undefined;
}
