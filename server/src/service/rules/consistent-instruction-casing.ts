/**
 * consistent-instruction-casing (BuildKit ConsistentInstructionCasing): counts the instructions of
 * the stages (FROM and everything after it; not the global ARGs) written all lower-case or all
 * upper-case, and flags each instruction that does not match the majority (upper-case on a tie).
 * Mixed-case keywords (`Run`) never match.
 */
import type { Instruction } from 'dockerfile-ast';
import type { StageModel } from '../model';
import { dataString, quickFix } from './support/fixes';
import type { Rule } from './types';

function stageInstructions(model: StageModel): Instruction[] {
  return model.stages.flatMap((s) => [s.from as Instruction, ...s.instructions]);
}

export function majorityIsLower(model: StageModel): boolean {
  let lower = 0;
  let upper = 0;
  for (const instruction of stageInstructions(model)) {
    const written = instruction.getInstruction();
    if (written === written.toLowerCase()) lower++;
    else if (written === written.toUpperCase()) upper++;
  }
  return lower > upper;
}

export const consistentInstructionCasing: Rule = {
  id: 'consistent-instruction-casing',
  defaultSeverity: 'warning',
  description: "An instruction keyword not written in the file's majority casing.",
  buildkitCheck: 'ConsistentInstructionCasing',
  safeFix: true,
  messages: {
    casing: "'{written}' is not written in {casing} like most instructions in this file: write '{expected}'.",
  },
  check({ model }, report) {
    const lower = majorityIsLower(model);
    for (const instruction of stageInstructions(model)) {
      const written = instruction.getInstruction();
      const expected = lower ? written.toLowerCase() : written.toUpperCase();
      if (written === expected) continue;
      report({
        range: instruction.getInstructionRange(),
        messageId: 'casing',
        data: { written, expected, casing: lower ? 'lowercase' : 'uppercase' },
      });
    }
  },
  fix({ model }, diagnostic) {
    const expected = dataString(diagnostic, 'expected');
    return expected ? [quickFix(model, diagnostic, `Change to '${expected}'`, [{ range: diagnostic.range, newText: expected }], true)] : [];
  },
};
