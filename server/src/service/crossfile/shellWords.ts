/**
 * Splits shell source into commands and words with their offsets, the way a reader sees argv:
 * quotes group, `\`+newline joins lines, `;` `&&` `||` `|` and newlines end a command, `#` starts a
 * comment. Nothing is evaluated: a word holding `$`, a backtick or a glob keeps that text and is
 * marked `dynamic`.
 */
export interface ShellWord {
  /** The word with quotes removed. */
  text: string;
  start: number;
  end: number;
  /** The word's text is not exactly the source between start and end (quotes or escapes). */
  quoted: boolean;
  dynamic: boolean;
}

const MAX_WORDS = 20_000;

export function shellCommands(source: string): ShellWord[][] {
  const commands: ShellWord[][] = [];
  let current: ShellWord[] = [];
  let words = 0;
  const endCommand = () => {
    if (current.length > 0) commands.push(current);
    current = [];
  };
  let i = 0;
  const n = source.length;
  while (i < n && words < MAX_WORDS) {
    const c = source[i];
    if (c === '\\' && source[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\\' && source[i + 1] === '\r' && source[i + 2] === '\n') {
      i += 3;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      endCommand();
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    const start = i;
    let text = '';
    let quoted = false;
    let dynamic = false;
    while (i < n) {
      const d = source[i];
      if (d === ' ' || d === '\t' || d === '\n' || d === '\r' || d === ';' || d === '&' || d === '|' || d === '(' || d === ')') break;
      if (d === '\\') {
        if (source[i + 1] === '\n') break;
        quoted = true;
        text += source[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (d === "'" || d === '"') {
        quoted = true;
        const close = source.indexOf(d, i + 1);
        const end = close < 0 ? n : close;
        const inner = source.slice(i + 1, end);
        if (d === '"' && /[$`\\]/.test(inner)) dynamic = true;
        text += inner;
        i = end + 1;
        continue;
      }
      if (d === '$' || d === '`' || d === '*' || d === '?' || d === '[' || d === '{' || d === '~') dynamic = true;
      text += d;
      i++;
    }
    current.push({ text, start, end: Math.min(i, n), quoted, dynamic });
    words++;
  }
  endCommand();
  return commands;
}
