/**
 * `ONBUILD COPY --from=<name>`: the trigger runs in a later build that uses this image as its base,
 * but the name usually means a stage of this file (BuildKit resolves it against the stages of the
 * Dockerfile when it builds). Read here for navigation only: no graph edge, no diagnostics.
 */
import type { Flag, Instruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { StageModel } from '../model';

export interface OnbuildCopyFrom {
  value: string;
  range: Range;
}

type Onbuild = Instruction & { getTriggerInstruction(): (Instruction & { getFlags?(): Flag[] }) | null };

export function onbuildCopyFroms(model: StageModel): OnbuildCopyFrom[] {
  const out: OnbuildCopyFrom[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'ONBUILD') continue;
      const trigger = (instruction as Onbuild).getTriggerInstruction();
      if (trigger?.getKeyword() !== 'COPY') continue;
      for (const flag of trigger.getFlags?.() ?? []) {
        const value = flag.getValue();
        const range = flag.getValueRange();
        if (flag.getName() === 'from' && value && range) out.push({ value, range });
      }
    }
  }
  return out;
}
