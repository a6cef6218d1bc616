/**
 * A .dockerignore read the way BuildKit reads it (moby/patternmatcher): comment lines (`#` first)
 * and blank lines skipped, patterns cleaned (`./a/` → `a`, a leading `/` dropped), `!` for
 * exceptions, `*` and `?` within one path segment, `**` across segments, `[…]` classes and `\`
 * escapes; a path is excluded when the last pattern matching it (or one of its parent folders)
 * is not an exception.
 */
export interface IgnoreMatcher {
  /** Whether some pattern is an exception (`!…`): BuildKit then skips CopyIgnoredFile. */
  hasExclusions: boolean;
  patterns: { text: string; exclusion: boolean; regex: RegExp }[];
}

export function parseDockerignore(content: string): IgnoreMatcher {
  const patterns: IgnoreMatcher['patterns'] = [];
  for (const [i, raw] of content.split(/\r?\n/).entries()) {
    const line = i === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.startsWith('#')) continue;
    let text = line.trim();
    if (text === '') continue;
    const exclusion = text.startsWith('!');
    if (exclusion) text = text.slice(1).trim();
    if (text === '') continue;
    text = cleanPath(text);
    if (text.length > 1 && text.startsWith('/')) text = text.slice(1);
    patterns.push({ text, exclusion, regex: compile(text) });
  }
  return { hasExclusions: patterns.some((p) => p.exclusion), patterns };
}

/** Go's path.Clean for slash paths. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  return rooted ? '/' + joined : joined || '.';
}

function compile(pattern: string): RegExp {
  let re = '^';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i += 2;
        if (pattern[i] === '/') i++;
        re += i >= pattern.length ? '.*' : '(.*/)?';
        continue;
      }
      re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '\\' && i + 1 < pattern.length) {
      i++;
      re += pattern[i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (ch === '[' || ch === ']') re += ch;
    else re += ch.replace(/[.+^${}()|\\/]/g, '\\$&');
    i++;
  }
  try {
    return new RegExp(re + '$');
  } catch {
    return /(?!)/;
  }
}

/** `MatchesOrParentMatches`: the file or one of its parent folders is excluded by the patterns. */
export function isIgnored(matcher: IgnoreMatcher, file: string): boolean {
  const parts = file.split('/');
  const parents = parts.slice(0, -1);
  let matched = false;
  for (const pattern of matcher.patterns) {
    if (pattern.exclusion !== matched) continue;
    let match = pattern.regex.test(file);
    if (!match && parents.length > 0) {
      for (let i = 1; i <= parents.length && !match; i++) match = pattern.regex.test(parents.slice(0, i).join('/'));
    }
    if (match) matched = !pattern.exclusion;
  }
  return matched;
}
