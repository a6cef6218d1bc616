/**
 * Walking the build context through ContextFiles, bounded (depth, file count) so a huge tree costs
 * little: the source files of a language, and what they say (imports, string literals, go:embed).
 */
import type { ContextFiles } from './types';

/** Folders that hold no application sources or runtime files. */
const SKIPPED = /^(\.git|node_modules|vendor|target|build|dist|out|bin|obj|\.next|\.venv|venv|__pycache__|\.idea|\.vscode)\/$/;
const MAX_FILES = 400;

/** Every file path (relative, `/`-separated) under `dir`, breadth first, up to `maxDepth` folders deep. */
export function walk(files: ContextFiles | undefined, dir = '', maxDepth = 3): string[] {
  if (!files?.list) return [];
  const out: string[] = [];
  let level: string[] = [dir];
  for (let depth = 0; depth <= maxDepth && level.length > 0 && out.length < MAX_FILES; depth++) {
    const next: string[] = [];
    for (const folder of level) {
      for (const entry of files.list(folder) ?? []) {
        if (entry.endsWith('/')) {
          if (!SKIPPED.test(entry)) next.push(folder + entry);
        } else if (out.length < MAX_FILES) out.push(folder + entry);
      }
    }
    level = next;
  }
  return out;
}

/** The files under the context whose names match `pattern`. */
export function sourceFiles(files: ContextFiles | undefined, pattern: RegExp, maxDepth = 3): string[] {
  return walk(files, '', maxDepth).filter((p) => pattern.test(p));
}

/** The string literals of a source text ("…", '…', `…`), bounded in length. */
export function stringLiterals(text: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\\n]|\\.){1,200})"|'((?:[^'\\\n]|\\.){1,200})'|`([^`\n]{1,200})`/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** The patterns of `//go:embed` directives: what the binary carries, so nothing to copy. */
export function goEmbedPatterns(text: string): string[] {
  return [...text.matchAll(/^\/\/go:embed\s+(.+)$/gm)].flatMap((m) => m[1].trim().split(/\s+/)).map((p) => p.replace(/^"(.*)"$/, '$1').replace(/^all:/, ''));
}
