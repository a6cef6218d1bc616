/** `COPY .` / `ADD .`: copies of the whole build context. */
import type { Instruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import { copyArgs } from './instructionArgs';

const WHOLE_CONTEXT = new Set(['.', './']);

/** The range of the `.` source when `instruction` copies the whole build context, else undefined. */
export function wholeContextSource(instruction: Instruction): Range | undefined {
  const args = copyArgs(instruction);
  if (!args || args.from !== undefined || !args.sources.some((s) => WHOLE_CONTEXT.has(s))) return undefined;
  for (const arg of instruction.getArguments()) {
    if (WHOLE_CONTEXT.has(arg.getValue().replace(/^[[",\s]+|(?<![\]",\s])[\]",\s]+$/g, ''))) return arg.getRange();
  }
  return instruction.getInstructionRange();
}
