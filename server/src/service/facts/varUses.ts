/**
 * Where an instruction reads a variable, with exact ranges: Dockerfile substitution (ENV, COPY, ADD,
 * WORKDIR, USER, LABEL, …, RUN --mount options) and the shell of a RUN (heredoc bodies included).
 * One linear pass per region; quoting follows BuildKit's word lexer and a POSIX shell closely enough
 * to never report a `$NAME` that is not read ('…' and quoted heredoc delimiters are literal).
 */
import type { Heredoc, Instruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import { isSupportedModifier } from '../variables';
import { flagsOf } from './instructionArgs';
import { PerInstruction } from './memo';
import { execForm, runScript } from './shellCommands';

export interface VarUse {
  name: string;
  /** Range of the whole reference (`$NAME`, `${NAME:-x}`). */
  range: Range;
  /** Written with a default or alternative (`${X:-…}`, `${X-…}`, `${X:+…}`, `${X:=…}`): not a plain read. */
  guarded: boolean;
  /** Read inside another variable's default word: only read when that one is unset. */
  nested: boolean;
}

export interface InstructionReads {
  uses: VarUse[];
  /** For a shell-form RUN: the script text (continuations joined), to see what it assigns itself. */
  script?: () => string;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);
const MAX_DEPTH = 6;

interface RawUse {
  name: string;
  start: number;
  end: number;
  guarded: boolean;
  nested: boolean;
}

const reads = new PerInstruction<InstructionReads | undefined>('instructionReads');

/** The variables an instruction reads, or undefined when it reads none we can see (CMD, exec-form RUN, …). */
export function instructionReads(model: StageModel, instruction: Instruction): InstructionReads | undefined {
  return reads.get(instruction, () => readInstruction(model, instruction));
}

function readInstruction(model: StageModel, instruction: Instruction): InstructionReads | undefined {
  const doc = model.document;
  const text = doc.getText();
  const esc = model.escapeChar;
  const raw: RawUse[] = [];
  const keyword = instruction.getKeyword();
  const argsStart = doc.offsetAt(instruction.getInstructionRange().end);
  const end = doc.offsetAt(instruction.getRange().end);
  const dollar = text.indexOf('$', argsStart);
  if (dollar < 0 || dollar >= end) return { uses: [] };
  const flags = flagsOf(instruction);
  const afterFlags = flags.length > 0 ? doc.offsetAt(flags[flags.length - 1].getRange().end) : argsStart;
  const scanFlags = () => {
    for (const flag of flags) {
      if (flag.getName() === 'from') continue;
      if (flag.getName() === 'mount') {
        for (const option of flag.getOptions()) {
          const r = option.getValueRange();
          if (option.getName() !== 'from' && r) scanWord(text, doc.offsetAt(r.start), doc.offsetAt(r.end), esc, raw, false);
        }
        continue;
      }
      const r = flag.getValueRange();
      if (r) scanWord(text, doc.offsetAt(r.start), doc.offsetAt(r.end), esc, raw, false);
    }
  };
  let script: (() => string) | undefined;
  switch (keyword) {
    case 'RUN': {
      if (execForm(instruction)) return undefined;
      scanFlags();
      new ShellScanner(text, raw).scan(afterFlags, end, 0);
      let memo: string | undefined;
      script = () => (memo ??= runScript(instruction, esc));
      break;
    }
    case 'COPY':
    case 'ADD': {
      scanFlags();
      const heredocs = (instruction as Instruction & { getHeredocs?(): Heredoc[] }).getHeredocs?.() ?? [];
      let stop = end;
      for (const h of heredocs) {
        const r = h.getContentRange() ?? h.getDelimiterRange();
        if (r) stop = Math.min(stop, doc.offsetAt({ line: r.start.line, character: 0 }));
      }
      scanWord(text, afterFlags, stop, esc, raw, false);
      break;
    }
    case 'ARG': {
      const props = (instruction as Instruction & { getProperties(): { getValueRange(): Range | null }[] }).getProperties();
      for (const p of props) {
        const r = p.getValueRange();
        if (r) scanWord(text, doc.offsetAt(r.start), doc.offsetAt(r.end), esc, raw, false);
      }
      break;
    }
    case 'ENV':
    case 'LABEL':
    case 'WORKDIR':
    case 'USER':
    case 'EXPOSE':
    case 'VOLUME':
    case 'STOPSIGNAL':
      scanWord(text, argsStart, end, esc, raw, false);
      break;
    default:
      return undefined;
  }
  const uses = raw.map((u) => ({
    name: u.name,
    range: { start: doc.positionAt(u.start), end: doc.positionAt(u.end) },
    guarded: u.guarded,
    nested: u.nested,
  }));
  return { uses, script };
}

/** Variables read in a region of a FROM line (image, --platform): Dockerfile word rules. */
export function wordUses(model: StageModel, range: Range): VarUse[] {
  const doc = model.document;
  const raw: RawUse[] = [];
  scanWord(doc.getText(), doc.offsetAt(range.start), doc.offsetAt(range.end), model.escapeChar, raw, false);
  return raw.map((u) => ({ name: u.name, range: { start: doc.positionAt(u.start), end: doc.positionAt(u.end) }, guarded: u.guarded, nested: u.nested }));
}

/** Length of a line continuation (escape char, blanks, line break) starting at `i`, or 0. */
function continuationLength(text: string, i: number, esc: string): number {
  if (text[i] !== esc) return 0;
  let j = i + 1;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  if (text[j] === '\r' && text[j + 1] === '\n') return j + 2 - i;
  if (text[j] === '\n') return j + 1 - i;
  return 0;
}

/** After a continuation: skips the comment and empty lines BuildKit drops. */
function skipContinuationLines(text: string, i: number, end: number): number {
  for (;;) {
    let j = i;
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
    if (j < end && (text[j] === '#' || text[j] === '\n' || text[j] === '\r')) {
      const nl = text.indexOf('\n', j);
      if (nl < 0 || nl >= end) return end;
      i = nl + 1;
      continue;
    }
    return i;
  }
}

/** How deep `${a:-${b:-…}}` defaults are read (like variables.ts): deeper text is skipped, not recursed into. */
const MAX_NESTING = 32;

/** A `$` reference at `i`; pushes the use and returns where scanning continues. */
function readVariable(text: string, i: number, end: number, esc: string, out: RawUse[], nested: boolean, nesting = 0, shell = false): number {
  const next = text[i + 1];
  if (next === '{') {
    let depth = 1;
    let j = i + 2;
    for (; j < end; j++) {
      if (text[j] === '{' && text[j - 1] === '$') depth++;
      else if (text[j] === '}' && --depth === 0) break;
    }
    // Unterminated: BuildKit rejects the word, and resuming at i + 1 made 50k `${` cost 50k scans.
    if (j >= end) return end;
    const m = /^#?([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i + 2, Math.min(j, i + 2 + 256)));
    // `${A:b}` in a Dockerfile word: BuildKit's lexer fails the instruction; no variable is read (a shell reads `${A:1}`).
    if (m && (shell || isSupportedModifier(text.slice(i + 2 + m[0].length, j)))) {
      const rest = text.slice(i + 2 + m[0].length, j);
      out.push({ name: m[1], start: i, end: j + 1, guarded: /^:?[-+=]/.test(rest), nested });
      if (rest.length > 0 && nesting < MAX_NESTING) scanWord(text, i + 2 + m[0].length, j, esc, out, true, nesting + 1);
    }
    return j + 1;
  }
  if (next !== undefined && /[A-Za-z_]/.test(next)) {
    let j = i + 2;
    while (j < end && /[A-Za-z0-9_]/.test(text[j])) j++;
    out.push({ name: text.slice(i + 1, j), start: i, end: j, guarded: false, nested });
    return j;
  }
  return i + 1;
}

/** BuildKit's Dockerfile word expansion: '…' is literal, the escape char escapes, "…" expands. */
function scanWord(text: string, start: number, end: number, esc: string, out: RawUse[], nested: boolean, nesting = 0): void {
  let single = false;
  let double = false;
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === esc) {
      const cont = continuationLength(text, i, esc);
      if (cont > 0) {
        i = skipContinuationLines(text, i + cont, end);
        continue;
      }
      i += single ? 1 : 2;
      continue;
    }
    if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
    else if (c === '$' && !single) {
      i = readVariable(text, i, end, esc, out, nested, nesting);
      continue;
    }
    i++;
  }
}

interface PendingHeredoc {
  delimiter: string;
  quoted: boolean;
  stripTabs: boolean;
  /** The body is a shell script (the heredoc feeds a shell, or is the RUN command itself). */
  script: boolean;
}

/** A POSIX shell read for `$NAME`: quotes, comments, `\`, continuations and heredocs. */
class ShellScanner {
  constructor(
    private readonly text: string,
    private readonly out: RawUse[],
  ) {}

  scan(start: number, end: number, depth: number): void {
    const text = this.text;
    let state: 'normal' | 'single' | 'double' = 'normal';
    let words: string[] = [];
    let word = '';
    let pending: PendingHeredoc[] = [];
    const endWord = () => {
      if (word !== '') words.push(word);
      word = '';
    };
    let i = start;
    while (i < end) {
      const c = text[i];
      if (c === '\\') {
        const cont = continuationLength(text, i, '\\');
        if (cont > 0) {
          i = skipContinuationLines(text, i + cont, end);
          continue;
        }
        if (state === 'single') {
          i++;
          continue;
        }
        word += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (state === 'single') {
        if (c === "'") state = 'normal';
        i++;
        continue;
      }
      if (c === '$') {
        if (state === 'normal' && text[i + 1] === "'") {
          const close = this.ansiQuoteEnd(i + 2, end);
          word += 'x';
          i = close;
          continue;
        }
        const next = readVariable(text, i, end, '\\', this.out, false, 0, true);
        word += 'x';
        i = next;
        continue;
      }
      if (state === 'double') {
        if (c === '"') state = 'normal';
        i++;
        continue;
      }
      // normal state
      if (c === "'") {
        state = 'single';
        word += 'x';
        i++;
        continue;
      }
      if (c === '"') {
        state = 'double';
        word += 'x';
        i++;
        continue;
      }
      if (c === '#' && word === '') {
        while (i < end && text[i] !== '\n') i++;
        continue;
      }
      if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
        endWord();
        const parsed = this.heredocMarker(i + 2, end, words);
        if (parsed) {
          pending.push(parsed.heredoc);
          i = parsed.next;
          continue;
        }
        i += 2;
        continue;
      }
      if (c === '\n') {
        endWord();
        words = [];
        i++;
        if (pending.length > 0) {
          i = this.bodies(pending, i, end, depth);
          pending = [];
        }
        continue;
      }
      if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
        endWord();
        words = [];
        i++;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') {
        endWord();
        i++;
        continue;
      }
      word += c;
      i++;
    }
  }

  private ansiQuoteEnd(i: number, end: number): number {
    while (i < end) {
      if (this.text[i] === '\\') i += 2;
      else if (this.text[i] === "'") return i + 1;
      else i++;
    }
    return end;
  }

  /** Parses `[-] delimiter` after `<<`. */
  private heredocMarker(i: number, end: number, words: string[]): { heredoc: PendingHeredoc; next: number } | undefined {
    const text = this.text;
    let stripTabs = false;
    if (text[i] === '-') {
      stripTabs = true;
      i++;
    }
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    let delimiter = '';
    let quoted = false;
    while (i < end && delimiter.length < 128) {
      const c = text[i];
      if (c === "'" || c === '"') {
        quoted = true;
        const close = text.indexOf(c, i + 1);
        if (close < 0 || close >= end) return undefined;
        delimiter += text.slice(i + 1, close);
        i = close + 1;
        continue;
      }
      if (c === '\\') {
        quoted = true;
        delimiter += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (/[\s;&|<>()]/.test(c)) break;
      delimiter += c;
      i++;
    }
    if (delimiter === '') return undefined;
    const command = words[0]?.slice(words[0].lastIndexOf('/') + 1);
    const script = command === undefined || SHELLS.has(command);
    return { heredoc: { delimiter, quoted, stripTabs, script }, next: i };
  }

  /** Reads the bodies of the pending heredocs starting at `i`; returns the offset after the last delimiter line. */
  private bodies(pending: PendingHeredoc[], i: number, end: number, depth: number): number {
    const text = this.text;
    for (const heredoc of pending) {
      const bodyStart = i;
      let bodyEnd = end;
      let after = end;
      while (i < end) {
        let nl = text.indexOf('\n', i);
        if (nl < 0 || nl >= end) nl = end;
        let line = text.slice(i, nl);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (heredoc.stripTabs) line = line.replace(/^\t+/, '');
        if (line === heredoc.delimiter) {
          bodyEnd = i;
          after = Math.min(end, nl + 1);
          break;
        }
        i = nl + 1;
      }
      if (heredoc.script) {
        if (depth < MAX_DEPTH) this.scan(bodyStart, bodyEnd, depth + 1);
      } else if (!heredoc.quoted) {
        this.expandOnly(bodyStart, bodyEnd);
      }
      i = after;
    }
    return i;
  }

  /** An unquoted heredoc body: `$NAME` expands, `\` escapes, quotes are plain characters. */
  private expandOnly(start: number, end: number): void {
    let i = start;
    while (i < end) {
      const c = this.text[i];
      if (c === '\\') i += 2;
      else if (c === '$') i = readVariable(this.text, i, end, '\\', this.out, false, 0, true);
      else i++;
    }
  }
}

/** Whether a shell script assigns or binds `name` itself (`NAME=`, `export NAME`, `for NAME`, `read NAME`, …). */
export function scriptSetsVariable(script: string, name: string): boolean {
  const assign = new RegExp(`(^|[^A-Za-z0-9_$.{/-])${name}\\+?=`, 'm');
  if (assign.test(script)) return true;
  const bind = new RegExp(`\\b(for|select)[ \\t]+${name}\\b`);
  if (bind.test(script)) return true;
  const builtin = new RegExp(`\\b(read|export|local|declare|typeset|readonly|getopts|unset)\\b[^\\n;|&]*[ \\t]${name}\\b`);
  return builtin.test(script);
}
