/**
 * What can be built from a Dockerfile, stage by stage (plain data): the code lenses and the stage
 * graph offer Build / Shell in from it.
 */
import type { Range } from 'vscode-languageserver-types';
import { stageLabel } from './facts/labels';
import type { Stage, StageModel } from './model';

export interface Runnable {
  stageIndex: number;
  /** Name, or index as a string when unnamed (what `${stage}` and the lens titles use). */
  label: string;
  isLast: boolean;
  /**
   * Whether the engine can build exactly this stage. BuildKit's `--target` selects stages by name
   * only (`--target 1` fails with "target stage 1 could not be found"), and a duplicated name selects
   * its last stage (test/docker/lens.test.ts); so an unnamed stage is buildable only as the last one,
   * and of the stages sharing a name only the last.
   */
  buildable: boolean;
  /** The FROM keyword: where the lenses sit. */
  range: Range;
}

export function stageRunnables(model: StageModel): Runnable[] {
  const last = model.stages.length - 1;
  return model.stages.map((stage) => ({
    stageIndex: stage.index,
    label: stageLabel(stage),
    isLast: stage.index === last,
    buildable: isBuildable(model, stage, last),
    range: stage.fromKeywordRange,
  }));
}

function isBuildable(model: StageModel, stage: Stage, last: number): boolean {
  if (stage.index === last) return true;
  const sameName = stage.normalizedName ? model.stagesByName.get(stage.normalizedName) : undefined;
  return !!sameName && sameName[sameName.length - 1] === stage;
}
