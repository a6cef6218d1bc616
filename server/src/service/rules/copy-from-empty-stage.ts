/**
 * copy-from-empty-stage: `COPY --from=<stage>` where the stage starts FROM scratch and nothing in its
 * FROM chain adds a file (no COPY/ADD/RUN): there is nothing to copy, and the COPY fails. Not reported
 * when the stage may be another one picked by a build argument, or when the COPY takes `/` (which
 * copies nothing from an empty stage without failing: an idiom for optional artifacts).
 */
import type { Instruction } from 'dockerfile-ast';
import type { Stage, StageModel } from '../model';
import { copyArgs } from '../facts/instructionArgs';
import { StageRef, stageRef } from '../facts/labels';
import type { Rule } from './types';

/**
 * Per stage: FROM scratch at the root of its FROM chain, and no stage of the chain adds a file. One
 * pass in index order (a FROM stage is always an earlier one), so a chain of 10k stages each copied
 * from stays linear instead of walking the chain per reference.
 */
function emptyStages(model: StageModel): boolean[] {
  const empty: boolean[] = [];
  for (const stage of model.stages) {
    const from = stage.fromReference;
    let parentEmpty: boolean;
    if (!from) parentEmpty = stage.baseImage.toLowerCase() === 'scratch';
    // A stage picked through a build argument may be another one at build time.
    else if (from.value.includes('$')) parentEmpty = false;
    else parentEmpty = from.resolution.kind === 'stage' && (empty[from.resolution.stage] ?? false);
    empty.push(parentEmpty && stage.instructions.every((i) => {
      const k = i.getKeyword();
      return k !== 'COPY' && k !== 'ADD' && k !== 'RUN' && k !== 'ONBUILD';
    }));
  }
  return empty;
}

function copiesRoot(instruction: Instruction): boolean {
  return copyArgs(instruction)?.sources.some((s) => s === '/' || s === '/.') ?? false;
}

export const copyFromEmptyStage: Rule = {
  id: 'copy-from-empty-stage',
  defaultSeverity: 'warning',
  description: 'COPY --from a FROM scratch stage that adds no files.',
  messages: {
    emptyStage:
      '{Stage} is FROM scratch and adds no files: there is nothing to copy from it, and the COPY fails. Copy from the stage that produces the files, or add them to {stageRef}.',
  },
  check({ model }, report) {
    let empty: boolean[] | undefined;
    for (const r of model.references) {
      if (r.kind !== 'copy-from' || r.resolution.kind !== 'stage') continue;
      // `COPY --from=<stage> / …` copies whatever is there, nothing included: an idiom for optional artifacts.
      if (copiesRoot(r.instruction)) continue;
      const index = r.resolution.stage;
      empty ??= emptyStages(model);
      if (!empty[index]) continue;
      const stage = model.stages[index];
      report({
        range: r.range,
        messageId: 'emptyStage',
        related: [{ range: stage.nameRange ?? stage.fromKeywordRange, message: `${StageRef(stage)} starts from scratch and adds nothing.` }],
        data: { stage: index, Stage: StageRef(stage), stageRef: stageRef(stage) },
      });
    }
  },
};
