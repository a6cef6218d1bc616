/**
 * An instruction read the way BuildKit's parser splits it: the keyword as written, the leading
 * `--flag[=value]` words (BuildKit extracts them from every instruction, not only the ones that
 * accept flags) and the arguments after them.
 */
import type { Argument, Flag, Instruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';

export interface FlagWord {
  /** The flag's name, without the dashes (`from` for `--from=x`). */
  name: string;
  /** The value after `=`; undefined when the flag has no `=`. */
  value?: string;
  range: Range;
}

export interface InstructionWords {
  /** The keyword as written (`run`, `Copy`). */
  keyword: string;
  flags: FlagWord[];
  /** The words after the flags. */
  args: Argument[];
}

type WithFlags = Instruction & { getFlags?(): Flag[] };

export function instructionWords(instruction: Instruction): InstructionWords {
  const all = instruction.getArguments();
  // dockerfile-ast takes the flags out of the arguments for some instructions (COPY, RUN, FROM, …),
  // not for others (ENV, EXPOSE, and CMD's `--x`): read both.
  const flags: FlagWord[] = ((instruction as WithFlags).getFlags?.() ?? []).map((f) => ({ name: f.getName(), value: f.getValue() ?? undefined, range: f.getRange() }));
  let i = 0;
  for (; i < all.length; i++) {
    const text = all[i].getValue();
    if (!text.startsWith('--')) break;
    if (text === '--') {
      i++;
      break;
    }
    const eq = text.indexOf('=');
    flags.push({ name: eq < 0 ? text.slice(2) : text.slice(2, eq), value: eq < 0 ? undefined : text.slice(eq + 1), range: all[i].getRange() });
  }
  return { keyword: instruction.getInstruction(), flags, args: all.slice(i) };
}

/** Whether the arguments are a JSON array of strings (exec form), as BuildKit decides it. */
export function isJsonForm(instruction: Instruction): boolean {
  const content = instruction.getArgumentsContent()?.trim();
  if (!content || !content.startsWith('[')) return false;
  try {
    const value: unknown = JSON.parse(content);
    return Array.isArray(value) && value.every((v) => typeof v === 'string');
  } catch {
    return false;
  }
}

/** The whole instruction's range on its first line: where BuildKit reports an instruction's checks. */
export function instructionAnchor(instruction: Instruction): Range {
  return instruction.getInstructionRange();
}
