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
  /** A `${NAME…}` with a modifier BuildKit's lexer rejects (`${A:b}`): the build fails there, the value means nothing. */
  unsupported?: boolean;
}

export function expandVariables(text: string, lookup: VariableLookup): ExpansionResult {
  const used: string[] = [];
  const undefinedNames: string[] = [];
  const state = { unsupported: false };
  const value = expand(text, lookup, used, undefinedNames, 0, false, state);
  return state.unsupported ? { value, used, undefinedNames, unsupported: true } : { value, used, undefinedNames };
}

export function containsVariable(text: string): boolean {
  return /\$(\{|[A-Za-z_])/.test(text);
}

/** BuildKit's modifiers after `${NAME`; anything else (`${A:b}`, `${A:#x}`) fails the build. */
const MODIFIER = /^(:?[-+?]|[#%/])/;

/** Whether BuildKit's lexer accepts what follows the name in `${NAME…}` (`''` for `${NAME}`). */
export function isSupportedModifier(rest: string): boolean {
  return rest === '' || MODIFIER.test(rest);
}

/**
 * `quotes`: the text is the word of a modifier (`${A:-"x y"}`), which BuildKit's lexer reads as a
 * word of its own: quotes are removed ('…' literal) and the escape character escapes.
 */
function expand(text: string, lookup: VariableLookup, used: string[], undef: string[], depth: number, quotes: boolean, state: { unsupported: boolean }): string {
  let out = '';
  let i = 0;
  let double = false;
  while (i < text.length) {
    const ch = text[i];
    if (quotes && ch === '\\' && i + 1 < text.length) {
      out += text[i + 1];
      i += 2;
      continue;
    }
    if (quotes && ch === '"') {
      double = !double;
      i++;
      continue;
    }
    if (quotes && ch === "'" && !double) {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? text.length : close;
      out += text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
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
      out += expandBraced(inner, lookup, used, undef, depth, state);
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

function expandBraced(inner: string, lookup: VariableLookup, used: string[], undef: string[], depth: number, state: { unsupported: boolean }): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-+])?/.exec(inner);
  if (!m) return '';
  const rest = inner.slice(m[1].length);
  if (!isSupportedModifier(rest)) state.unsupported = true;
  const value = read(m[1], lookup, used, undef);
  if (!m[2]) return value ?? '';
  const word = depth >= MAX_DEPTH ? '' : expand(inner.slice(m[0].length), lookup, used, undef, depth + 1, true, state);
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
