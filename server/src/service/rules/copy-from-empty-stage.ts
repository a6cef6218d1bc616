/**
 * copy-from-empty-stage: `COPY --from=<stage>` where the stage starts FROM scratch and nothing in its
 * FROM chain adds a file (no COPY/ADD): there is nothing to copy, and the COPY fails.
 */
import type { Stage, StageModel } from '../model';
import { imageChain } from './support/target';
import { StageRef, stageRef } from './support/labels';
import type { Rule } from './types';

function isEmptyStage(model: StageModel, stage: Stage): boolean {
  const chain = imageChain(model, stage);
  const root = chain[0];
  if (root.baseImage.toLowerCase() !== 'scratch' || root.fromReference) return false;
  return chain.every((s) => s.instructions.every((i) => {
    const k = i.getKeyword();
    return k !== 'COPY' && k !== 'ADD' && k !== 'RUN' && k !== 'ONBUILD';
  }));
}

export const copyFromEmptyStage: Rule = {
  id: 'copy-from-empty-stage',
  defaultSeverity: 'warning',
  description: 'COPY --from a FROM scratch stage that adds no files.',
  check({ model }, report) {
    const empty = new Map<number, boolean>();
    for (const r of model.references) {
      if (r.kind !== 'copy-from' || r.resolution.kind !== 'stage') continue;
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
