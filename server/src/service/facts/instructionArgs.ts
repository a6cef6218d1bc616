/** Reading the arguments of COPY/ADD, WORKDIR, ENV, USER, CMD and ENTRYPOINT (flags read through getFlags()). */
import type { Flag, Instruction } from 'dockerfile-ast';
import { execForm, scriptCommands, type SimpleCommand } from './shellCommands';

export interface CopyArgs {
  /** `--from` value, when copying from a stage or image rather than the build context. */
  from?: string;
  sources: string[];
  destination: string;
  flags: Flag[];
}

interface HasFlags {
  getFlags(): Flag[];
}

export function flagsOf(instruction: Instruction): Flag[] {
  return 'getFlags' in instruction ? (instruction as unknown as HasFlags).getFlags() : [];
}

/** Sources and destination of a COPY or ADD; undefined for other instructions or when malformed. */
export function copyArgs(instruction: Instruction): CopyArgs | undefined {
  const keyword = instruction.getKeyword();
  if (keyword !== 'COPY' && keyword !== 'ADD') return undefined;
  const flags = flagsOf(instruction);
  const words = execForm(instruction) ?? instruction.getArguments().map((a) => a.getValue());
  if (words.length < 2 || words.some((w) => w.startsWith('<<'))) return undefined;
  const from = flags.find((f) => f.getName() === 'from')?.getValue() ?? undefined;
  return { from, sources: words.slice(0, -1), destination: words[words.length - 1], flags };
}

/** Whether a COPY/ADD copies from the build context (not from a stage, an image or a heredoc). */
export function copiesFromContext(instruction: Instruction): boolean {
  const args = copyArgs(instruction);
  return !!args && args.from === undefined;
}

/** The path of a WORKDIR, unquoted. */
export function workdirPath(instruction: Instruction): string | undefined {
  const path = (instruction as Instruction & { getPath?(): string | null }).getPath?.();
  return path ? path.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1') : undefined;
}

/** The NAME=value pairs of an ENV (or ARG) instruction. */
export function properties(instruction: Instruction): [string, string | undefined][] {
  const props = (instruction as Instruction & { getProperties?(): { getName(): string; getValue(): string | null }[] }).getProperties?.() ?? [];
  return props.map((p) => [p.getName(), p.getValue() ?? undefined]);
}

/** The words of a CMD or ENTRYPOINT (exec form as is, shell form split on blanks). */
export function commandWords(instruction: Instruction): readonly string[] {
  return execForm(instruction) ?? instruction.getArguments().map((a) => a.getValue());
}

/** The value of a USER instruction (`app`, `1000:1000`). */
export function userOf(instruction: Instruction): string | undefined {
  return instruction.getArguments()[0]?.getValue();
}

/** The commands a HEALTHCHECK runs (`CMD curl -f … || exit 1`, `["CMD", "wget", …]`); none for `NONE`. */
export function healthcheckCommands(instruction: Instruction): SimpleCommand[] {
  const text = instruction.getTextContent().replace(/^\s*HEALTHCHECK\s+/i, '').replace(/^(--[\w-]+=\S+\s+)*/, '');
  const command = /^CMD\s+([\s\S]*)$/i.exec(text.trim())?.[1];
  if (!command) return [];
  if (command.trim().startsWith('[')) {
    try {
      const argv = JSON.parse(command) as unknown;
      return Array.isArray(argv) && argv.every((w) => typeof w === 'string') ? [{ argv: argv as string[], assignments: {}, cwd: '' }] : [];
    } catch {
      return [];
    }
  }
  return scriptCommands(command.replace(/\\\r?\n/g, ' '), '');
}
