/** Every instruction of the file in document order: the global ones, then each stage's FROM and body. */
import type { Instruction } from 'dockerfile-ast';
import type { StageModel } from '../model';
import { instructionWords, type InstructionWords } from './instructionWords';
import { perModel } from './memo';

export function allInstructions(model: StageModel): readonly Instruction[] {
  return perModel(model, 'allInstructions', () => [...model.preamble, ...model.stages.flatMap((s) => [s.from as Instruction, ...s.instructions])]);
}

/** Every instruction's keyword, flags and arguments, read once per model (the parse-error rules share them). */
export function wordsOf(model: StageModel, instruction: Instruction): InstructionWords {
  const all = perModel(model, 'instructionWords', () => new Map<Instruction, InstructionWords>());
  let words = all.get(instruction);
  if (!words) all.set(instruction, (words = instructionWords(instruction)));
  return words;
}
