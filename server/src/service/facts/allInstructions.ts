/** Every instruction of the file in document order: the global ones, then each stage's FROM and body. */
import type { Instruction } from 'dockerfile-ast';
import type { StageModel } from '../model';
import { instructionWords, type InstructionWords } from './instructionWords';
import { perModel, PerInstruction } from './memo';

export function allInstructions(model: StageModel): readonly Instruction[] {
  return perModel(model, 'allInstructions', () => [...model.preamble, ...model.stages.flatMap((s) => [s.from as Instruction, ...s.instructions])]);
}

const words = new PerInstruction<InstructionWords>('instructionWords');

/** Every instruction's keyword, flags and arguments, read once per instruction (the parse-error rules share them). */
export function wordsOf(instruction: Instruction): InstructionWords {
  return words.get(instruction, () => instructionWords(instruction));
}
