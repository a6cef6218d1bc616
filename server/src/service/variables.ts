/**
 * Dockerfile variable substitution ($VAR, ${VAR}, ${VAR:-word}, ${VAR:+word}, ${VAR-word}, ${VAR+word})
 * as BuildKit's shell lexer applies it to FROM lines. Iterative over the text, with a nesting bound so
 * pathological input (thousands of nested defaults) answers in bounded time.
 */
export type VariableLookup = (name: string) => string | undefined;

const MAX_DEPTH = 32;

export interface ExpansionResult {
  value: string;
  /** Names read during expansion, in order. */
  used: string[];
  /** Names read that had no value (undefined in `lookup`). */
  undefinedNames: string[];
}

export function expandVariables(text: string, lookup: VariableLookup): ExpansionResult {
  const used: string[] = [];
  const undefinedNames: string[] = [];
  const value = expand(text, lookup, used, undefinedNames, 0);
  return { value, used, undefinedNames };
}

export function containsVariable(text: string): boolean {
  return /\$(\{|[A-Za-z_])/.test(text);
}

function expand(text: string, lookup: VariableLookup, used: string[], undef: string[], depth: number): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== '$' || i + 1 >= text.length) {
      out += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '{') {
      const close = matchingBrace(text, i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const inner = text.slice(i + 2, close);
      out += expandBraced(inner, lookup, used, undef, depth);
      i = close + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, i + 1 + 256));
    if (!m) {
      out += ch;
      i++;
      continue;
    }
    out += read(m[0], lookup, used, undef) ?? '';
    i += 1 + m[0].length;
  }
  return out;
}

function expandBraced(inner: string, lookup: VariableLookup, used: string[], undef: string[], depth: number): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-+])?/.exec(inner);
  if (!m) return '';
  const value = read(m[1], lookup, used, undef);
  if (!m[2]) return value ?? '';
  const word = depth >= MAX_DEPTH ? '' : expand(inner.slice(m[0].length), lookup, used, undef, depth + 1);
  const colon = m[2].startsWith(':');
  const isSet = colon ? value !== undefined && value !== '' : value !== undefined;
  if (m[2].endsWith('-')) return isSet ? (value as string) : word;
  return isSet ? word : '';
}

function read(name: string, lookup: VariableLookup, used: string[], undef: string[]): string | undefined {
  used.push(name);
  const v = lookup(name);
  if (v === undefined) undef.push(name);
  return v;
}

/** Index of the `}` closing a `${` whose body starts at `from`, honouring nesting; -1 when unterminated. */
function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '{' && text[i - 1] === '$') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}
