/**
 * One Dockerfile word expanded the way BuildKit's shell lexer does for FROM and ARG defaults:
 * quotes removed ('…' literal, "…" expanded), the escape character honoured, `$NAME`, `${NAME}` and
 * `${NAME:-word}` forms substituted through `variables.ts`.
 */
import { expandVariables, type VariableLookup } from '../variables';

export interface WordExpansion {
  value: string;
  /** Names read that had no value. */
  undefinedNames: string[];
  /** Names read. */
  used: string[];
  /** BuildKit's lexer rejects the word (`${A:b}`): the build fails there. */
  unsupported?: boolean;
}

export function expandWord(word: string, lookup: VariableLookup, escapeChar = '\\'): WordExpansion {
  let value = '';
  const used: string[] = [];
  const undefinedNames: string[] = [];
  let unsupported = false;
  let quote: '"' | "'" | undefined;
  let i = 0;
  while (i < word.length) {
    const ch = word[i];
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else value += ch;
      i++;
    } else if (ch === escapeChar && i + 1 < word.length) {
      value += word[i + 1];
      i += 2;
    } else if (ch === '"' || (ch === "'" && !quote)) {
      quote = quote === '"' ? undefined : (ch as '"' | "'");
      i++;
    } else if (ch === '$') {
      const end = variableEnd(word, i);
      if (end === i + 1) {
        value += ch;
        i++;
        continue;
      }
      const r = expandVariables(word.slice(i, end), lookup);
      value += r.value;
      used.push(...r.used);
      undefinedNames.push(...r.undefinedNames);
      if (r.unsupported) unsupported = true;
      i = end;
    } else {
      value += ch;
      i++;
    }
  }
  return unsupported ? { value, used, undefinedNames, unsupported } : { value, used, undefinedNames };
}

/** The end (exclusive) of the variable reference starting at `start` (`$`). */
function variableEnd(word: string, start: number): number {
  if (word[start + 1] === '{') {
    let depth = 0;
    for (let j = start + 1; j < word.length; j++) {
      if (word[j] === '{') depth++;
      else if (word[j] === '}' && --depth === 0) return j + 1;
    }
    return word.length;
  }
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(start + 1, start + 257));
  return start + 1 + (m ? m[0].length : 0);
}
