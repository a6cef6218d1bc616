/**
 * copy-from-empty-stage: `COPY --from=<stage>` where the stage starts FROM scratch and nothing in its
 * FROM chain adds a file (no COPY/ADD/RUN): there is nothing to copy, and the COPY fails. Not reported
 * when the stage may be another one picked by a build argument, or when the COPY takes `/` (which
 * copies nothing from an empty stage without failing: an idiom for optional artifacts).
 */
import type { Instruction } from 'dockerfile-ast';
import type { Stage, StageModel } from '../model';
import { copyArgs } from '../refactors/instructionArgs';
import { imageChain } from './support/target';
import { StageRef, stageRef } from './support/labels';
import type { Rule } from './types';

function isEmptyStage(model: StageModel, stage: Stage): boolean {
  const chain = imageChain(model, stage);
  const root = chain[0];
  if (root.baseImage.toLowerCase() !== 'scratch' || root.fromReference) return false;
  // A stage picked through a build argument may be another one at build time.
  if (chain.some((s) => s.fromReference?.value.includes('$'))) return false;
  return chain.every((s) => s.instructions.every((i) => {
    const k = i.getKeyword();
    return k !== 'COPY' && k !== 'ADD' && k !== 'RUN' && k !== 'ONBUILD';
  }));
}

function copiesRoot(instruction: Instruction): boolean {
  return copyArgs(instruction)?.sources.some((s) => s === '/' || s === '/.') ?? false;
}

export const copyFromEmptyStage: Rule = {
  id: 'copy-from-empty-stage',
  defaultSeverity: 'warning',
  description: 'COPY --from a FROM scratch stage that adds no files.',
  check({ model }, report) {
    const empty = new Map<number, boolean>();
    for (const r of model.references) {
      if (r.kind !== 'copy-from' || r.resolution.kind !== 'stage') continue;
      // `COPY --from=<stage> / …` copies whatever is there, nothing included: an idiom for optional artifacts.
      if (copiesRoot(r.instruction)) continue;
      const index = r.resolution.stage;
      if (!empty.has(index)) empty.set(index, isEmptyStage(model, model.stages[index]));
      if (!empty.get(index)) continue;
      const stage = model.stages[index];
      report({
        range: r.range,
        message: `${StageRef(stage)} is FROM scratch and adds no files: there is nothing to copy from it, and the COPY fails. Copy from the stage that produces the files, or add them to ${stageRef(stage)}.`,
        related: [{ range: stage.nameRange ?? stage.fromKeywordRange, message: `${StageRef(stage)} starts from scratch and adds nothing.` }],
      });
    }
  },
};
