/** Paths inside an image: resolving against WORKDIR, POSIX or Windows style as written. */
import { posix, win32 } from 'node:path';

/** A Windows path: a drive letter or backslashes. */
export function isWindowsPath(p: string): boolean {
  return /^[A-Za-z]:/.test(p) || p.includes('\\');
}

function flavour(p: string) {
  return isWindowsPath(p) ? win32 : posix;
}

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || p.startsWith('$') || /^[A-Za-z]:[\\/]/.test(p);
}

/** `p` resolved against `cwd` (absolute paths and paths starting with a variable stay as they are). */
export function resolvePath(cwd: string, p: string): string {
  if (isAbsolutePath(p)) return normalizePath(p);
  const base = cwd === '' ? '/' : cwd;
  const joined = flavour(base).join(base, p);
  return normalizePath(joined);
}

/** Normalizes `.`/`..` segments and drops a trailing separator (except for the root). */
export function normalizePath(p: string): string {
  const f = flavour(p);
  let n = f.normalize(p);
  if (n.length > 1 && (n.endsWith('/') || n.endsWith('\\')) && !/^[A-Za-z]:\\$/.test(n)) n = n.slice(0, -1);
  return n;
}

export function joinPath(dir: string, name: string): string {
  return flavour(dir).join(dir, name);
}

export function dirName(p: string): string {
  return flavour(p).dirname(p);
}

export function baseName(p: string): string {
  return flavour(p).basename(p);
}

/** Whether `p` is `dir` or lies inside it. */
export function isInside(p: string, dir: string): boolean {
  const sep = isWindowsPath(dir) ? '\\' : '/';
  return p === dir || p.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}
