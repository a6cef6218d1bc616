/** Every instruction of the file in document order: the global ones, then each stage's FROM and body. */
import type { Instruction } from 'dockerfile-ast';
import type { StageModel } from '../model';

export function allInstructions(model: StageModel): Instruction[] {
  return [...model.preamble, ...model.stages.flatMap((s) => [s.from as Instruction, ...s.instructions])];
}
