/**
 * One analysis per document version: the stage model plus the facts derived from it, each computed
 * lazily and at most once (as rust-analyzer's `Analysis` over its database). Every entry point — the
 * language server, the CLI, the bench, the fuzz invariants — asks the same object, so two features
 * can never compute "needed", "shell commands" or "diagnostics" two different ways.
 */
import type { Instruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import { globalArgNames } from './facts/argScope';
import { perModel } from './facts/memo';
import { buildTarget, neededStages, possibleDependencies } from './facts/neededStages';
import { runCommands, type SimpleCommand } from './facts/shellCommands';
import { buildModel, type Stage, type StageModel } from './model';
import type { Settings } from '../protocol';

export class Analysis {
  constructor(readonly model: StageModel) {}

  get uri(): string {
    return this.model.uri;
  }

  get version(): number {
    return this.model.version;
  }

  /** The stage `docker build` builds with these settings (`target`, else the last stage). */
  buildTarget(settings: Pick<Settings, 'target'>): Stage | undefined {
    return buildTarget(this.model, settings);
  }

  /** Per stage, the stages it may depend on (ARG-selected FROMs included). */
  possibleDependencies(): readonly number[][] {
    return possibleDependencies(this.model);
  }

  /** The stages building `target` builds (itself included). */
  neededStages(target: number): ReadonlySet<number> {
    return perModel(this.model, `neededStages:${target}`, () => neededStages(this.model, target));
  }

  /** Global ARG names (before the first FROM) with the range of their first declaration. */
  globalArgs(): ReadonlyMap<string, Range> {
    return perModel(this.model, 'globalArgNames', () => globalArgNames(this.model));
  }

  /** The simple commands a RUN runs from `cwd`. */
  shellCommands(instruction: Instruction, cwd: string): readonly SimpleCommand[] {
    return runCommands(instruction, this.model.escapeChar, cwd);
  }

  /**
   * A value derived from this version, computed on first use (the diagnostics per settings, see
   * diagnostics.ts). `key` names the fact and every input beyond the model.
   */
  memo<T>(key: string, compute: () => T): T {
    return perModel(this.model, key, compute);
  }
}

const analyses = new WeakMap<StageModel, Analysis>();

/** The one analysis of a model version. */
export function analysisOf(model: StageModel): Analysis {
  let analysis = analyses.get(model);
  if (!analysis) analyses.set(model, (analysis = new Analysis(model)));
  return analysis;
}

/** Parses `text` and returns its analysis. */
export function analyze(text: string, uri?: string, version?: number): Analysis {
  return analysisOf(buildModel(text, uri, version));
}
