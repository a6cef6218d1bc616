/**
 * What a RUN instruction runs, as simple commands (argv + leading VAR=value assignments + the directory
 * it runs in), read the way a POSIX shell splits them: quotes, `&&`/`||`/`;`/`|` chains, `cd`,
 * `sh -c '…'`, heredoc scripts, exec (JSON) form, and Dockerfile line continuations with comments.
 * Good enough to recognize build and install commands; it never executes or expands anything.
 */
import type { Instruction } from 'dockerfile-ast';
import type { Heredoc, JSONArgument } from 'dockerfile-ast';
import { PerInstruction } from './memo';
import { resolvePath } from './paths';

export interface SimpleCommand {
  argv: string[];
  /** `VAR=value` words before the command name (and `env VAR=value`). */
  assignments: Record<string, string>;
  /** The directory the command runs in ('' when unknown). */
  cwd: string;
}

interface HasHeredocs {
  getHeredocs(): Heredoc[];
}
interface HasJson {
  getOpeningBracket(): unknown;
  getJSONStrings(): JSONArgument[];
}

const cache = new WeakMap<Instruction, Map<string, SimpleCommand[]>>();

/**
 * The simple commands of a RUN instruction, run from `workdir`. Read once per instruction and
 * directory: instructions belong to one model version, and several rules and refactors ask.
 */
export function runCommands(instruction: Instruction, escapeChar: string, workdir: string): SimpleCommand[] {
  let byCwd = cache.get(instruction);
  if (!byCwd) cache.set(instruction, (byCwd = new Map()));
  let commands = byCwd.get(workdir);
  if (!commands) byCwd.set(workdir, (commands = readRunCommands(instruction, escapeChar, workdir)));
  return commands;
}

function readRunCommands(instruction: Instruction, escapeChar: string, workdir: string): SimpleCommand[] {
  const exec = execForm(instruction);
  if (exec) return normalize([{ argv: [...exec], assignments: {}, cwd: workdir }], workdir);
  return scriptCommands(runScript(instruction, escapeChar), workdir, escapeChar === '\\');
}

/** The heredocs of a RUN; none when dockerfile-ast cannot read them (it throws on some malformed `<<` lines). */
function heredocsOf(instruction: Instruction): ReturnType<HasHeredocs['getHeredocs']> {
  try {
    return 'getHeredocs' in instruction ? (instruction as unknown as HasHeredocs).getHeredocs() : [];
  } catch {
    return [];
  }
}

/** The shell script of a shell-form RUN: continuations joined, inner comments dropped, heredoc bodies appended. */
export function runScript(instruction: Instruction, escapeChar: string): string {
  const raw = instruction.getRawArgumentsContent() ?? '';
  const heredocs = heredocsOf(instruction);
  if (heredocs.length === 0) return joinContinuations(raw, escapeChar);
  const head = joinContinuations(raw.split(/\r?\n/)[0], escapeChar).replace(/<<-?\s*["']?[A-Za-z_][A-Za-z0-9_]*["']?/g, ' ');
  const text = instruction.getTextContent();
  const start = instruction.getRange().start.line;
  const lines = text.split(/\r?\n/);
  const bodies = heredocs.map((h) => {
    const r = h.getContentRange();
    return r ? lines.slice(r.start.line - start, r.end.line - start + 1).join('\n') : '';
  });
  return [head, ...bodies].join('\n');
}

/** The argv of an exec-form (JSON) instruction, or undefined for shell form. */
export function execForm(instruction: Instruction): readonly string[] | undefined {
  return execForms.get(instruction, () => readExecForm(instruction));
}

const execForms = new PerInstruction<string[] | undefined>('execForm');

function readExecForm(instruction: Instruction): string[] | undefined {
  const json = instruction as unknown as Partial<HasJson>;
  if (typeof json.getOpeningBracket !== 'function' || !json.getOpeningBracket()) return undefined;
  const strings = json.getJSONStrings?.() ?? [];
  return strings.length > 0 ? strings.map((s) => s.getJSONValue()) : undefined;
}

/** Joins Dockerfile line continuations, dropping comment and empty lines inside them. */
export function joinContinuations(raw: string, escapeChar: string): string {
  let out = '';
  let continued = false;
  for (const line of raw.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (continued && (trimmed === '' || trimmed.startsWith('#'))) continue;
    const end = line.trimEnd();
    continued = end.endsWith(escapeChar) && !end.endsWith(escapeChar + escapeChar);
    out += continued ? end.slice(0, -1) : line + '\n';
  }
  return out;
}

/**
 * The simple commands of a shell script, starting in `cwd`. `posix`: backslash escapes as in sh; off
 * for Windows files (`# escape=``), whose shells keep backslashes in paths.
 */
export function scriptCommands(script: string, cwd: string, posix = true): SimpleCommand[] {
  const raw: SimpleCommand[] = splitCommands(script, posix).map((words) => {
    const assignments: Record<string, string> = {};
    let i = 0;
    for (; i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]); i++) {
      const eq = words[i].indexOf('=');
      assignments[words[i].slice(0, eq)] = words[i].slice(eq + 1);
    }
    return { argv: words.slice(i), assignments, cwd };
  });
  return normalize(raw, cwd, posix);
}

/** Unwraps `sudo`, `env`, `exec`, `time`, `sh -c '…'`, and tracks `cd` through the chain. */
function normalize(commands: SimpleCommand[], startCwd: string, posix = true): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let cwd = startCwd;
  for (const command of commands) {
    const { argv, assignments } = unwrap(command.argv, { ...command.assignments });
    if (argv.length === 0) continue;
    if (argv[0] === 'cd') {
      cwd = argv[1] && cwd !== '' ? resolvePath(cwd, argv[1]) : '';
      continue;
    }
    const shell = /^(?:\/bin\/|\/usr\/bin\/)?(?:sh|bash|ash|dash)$/.test(argv[0]) ? argv.indexOf('-c') : -1;
    if (shell > 0 && argv[shell + 1] !== undefined) {
      out.push(...scriptCommands(argv[shell + 1], cwd, posix));
      continue;
    }
    out.push({ argv, assignments, cwd });
  }
  return out;
}

function unwrap(argv: string[], assignments: Record<string, string>): { argv: string[]; assignments: Record<string, string> } {
  let i = 0;
  for (;;) {
    const word = argv[i];
    if (word === 'sudo' || word === 'exec' || word === 'time' || word === 'nohup') i++;
    else if (word === 'env') {
      i++;
      for (; i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i]); i++) {
        const eq = argv[i].indexOf('=');
        assignments[argv[i].slice(0, eq)] = argv[i].slice(eq + 1);
      }
    } else break;
  }
  return { argv: argv.slice(i), assignments };
}

/** Splits a script into the words of its simple commands (operators, newlines and parentheses separate them). */
function splitCommands(script: string, posix: boolean): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | undefined;
  let dropNextWord = false;
  const endWord = () => {
    if (word !== undefined && !dropNextWord) words.push(word);
    if (word !== undefined) dropNextWord = false;
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (ch === '>' || ch === '<') {
      // A redirection: drop a file-descriptor number before it and the target after it.
      if (word !== undefined && /^[0-9]$/.test(word)) word = undefined;
      endWord();
      while (i + 1 < script.length && (script[i + 1] === '>' || script[i + 1] === '&' || script[i + 1] === '|')) i++;
      dropNextWord = true;
    } else if (ch === "'") {
      const close = script.indexOf("'", i + 1);
      const end = close < 0 ? script.length : close;
      word = (word ?? '') + script.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      let value = '';
      let j = i + 1;
      for (; j < script.length && script[j] !== '"'; j++) {
        if (script[j] === '\\' && j + 1 < script.length && '"\\$`\n'.includes(script[j + 1])) j++;
        value += script[j];
      }
      word = (word ?? '') + value;
      i = j;
    } else if (ch === '\\' && posix && i + 1 < script.length) {
      if (script[i + 1] !== '\n') word = (word ?? '') + script[i + 1];
      i++;
    } else if (ch === '#' && word === undefined) {
      while (i + 1 < script.length && script[i + 1] !== '\n') i++;
    } else if (ch === ';' || ch === '&' || ch === '|' || ch === '\n' || ch === '(' || ch === ')') {
      endCommand();
    } else if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
    } else {
      word = (word ?? '') + ch;
    }
  }
  endCommand();
  return commands;
}

/** The value of an option written `-o X`, `-o=X`, `--output X` or `--output=X` (first match wins). */
export function optionValue(argv: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    for (const name of names) {
      if (argv[i] === name && i + 1 < argv.length) return argv[i + 1];
      if (argv[i].startsWith(name + '=')) return argv[i].slice(name.length + 1);
    }
  }
  return undefined;
}

/** Whether any of `flags` is present as a word. */
export function hasFlag(argv: readonly string[], flags: readonly string[]): boolean {
  return argv.some((word) => flags.includes(word));
}

/** The command name without its directory (`./mvnw` → `mvnw`, `/usr/local/bin/go` → `go`). */
export function commandName(argv: readonly string[]): string {
  const first = argv[0] ?? '';
  return first.slice(first.lastIndexOf('/') + 1);
}
