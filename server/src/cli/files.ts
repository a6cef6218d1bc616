/** Finding and reading the Dockerfiles the CLI was pointed at, with clear one-line errors. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';

/** Files larger than this are refused (a Dockerfile is a few KB; 5 MB is surely not one). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower === 'dockerfile' ||
    lower === 'containerfile' ||
    lower.startsWith('dockerfile.') ||
    lower.startsWith('containerfile.') ||
    lower.endsWith('.dockerfile') ||
    lower.endsWith('.containerfile')
  );
}

export interface FileError {
  path: string;
  message: string;
  /** A directory or pattern that held no Dockerfile: a note, not an error, unless the user requires files. */
  nothingFound?: boolean;
}

/**
 * Expands the command-line operands (files, directories, globs) into Dockerfile paths; in
 * directories also the files `alsoFind` accepts (Compose, Bake and workflow files).
 */
export function findDockerfiles(operands: string[], cwd = process.cwd(), alsoFind: (path: string) => boolean = () => false): { files: string[]; errors: FileError[] } {
  const files = new Set<string>();
  const errors: FileError[] = [];
  for (const operand of operands.length ? operands : ['.']) {
    if (/[*?[]/.test(operand)) {
      const matched = expandGlob(operand, cwd);
      if (matched.length === 0) errors.push({ path: operand, message: 'no file matches this pattern', nothingFound: true });
      matched.forEach((f) => files.add(f));
      continue;
    }
    const path = resolve(cwd, operand);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      errors.push({ path: operand, message: 'no such file or directory' });
      continue;
    }
    if (stat.isDirectory()) {
      const found = walk(path).filter((f) => isDockerfileName(basename(f)) || alsoFind(f));
      if (found.length === 0) errors.push({ path: operand, message: 'no Dockerfile found in this directory', nothingFound: true });
      found.forEach((f) => files.add(f));
    } else {
      files.add(path);
    }
  }
  return { files: [...files].sort(), errors };
}

/** Reads a Dockerfile as text, refusing what is not one: too large, binary (NUL bytes), unreadable. */
export function readDockerfile(path: string): { text: string } | { error: string } {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { error: 'is a directory, not a Dockerfile' };
    const size = stat.size;
    if (size > MAX_FILE_BYTES) return { error: `file is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit` };
    const bytes = readFileSync(path);
    if (bytes.subarray(0, 8192).includes(0)) return { error: 'binary file (contains NUL bytes), not a Dockerfile' };
    return { text: bytes.toString('utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'no such file or directory' : (e as Error).message };
  }
}

function walk(dir: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...walk(full));
    } else if (entry.isFile()) {
      out.push(full);
    }
  }
  return out;
}

/** Minimal glob: `**` any directories, `*` and `?` within a name, `[...]` classes. Walks from the fixed prefix. */
function expandGlob(pattern: string, cwd: string): string[] {
  const absolute = resolve(cwd, pattern);
  const parts = absolute.split(sep);
  const firstWild = parts.findIndex((p) => /[*?[]/.test(p));
  const root = parts.slice(0, firstWild).join(sep) || sep;
  const regex = globToRegExp(parts.slice(firstWild).join('/'));
  return walk(root).filter((f) => regex.test(relative(root, f).split(sep).join('/')));
}

/** Dockerfile names are matched without regard to case (`*.dockerfile` finds `api.Dockerfile`); directories are not. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  const nameStart = glob.lastIndexOf('/') + 1;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (i >= nameStart && c.toLowerCase() !== c.toUpperCase()) {
      re += `[${c.toLowerCase()}${c.toUpperCase()}]`;
      continue;
    }
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:[^/]*/)*' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
