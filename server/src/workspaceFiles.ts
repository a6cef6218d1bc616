/**
 * Disk access for the workspace index (server and CLI): bounded reads, and one asynchronous walk of
 * the workspace folders that keeps only Compose, Bake and workflow files by name.
 */
import { readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crossFileKind } from './service';
import type { IndexIO } from './workspaceIndex';

const MAX_BYTES = 2 * 1024 * 1024;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'vendor', 'target', 'dist', 'out', '.venv', '__pycache__']);
/** The walk stops after this many directory entries (a huge monorepo is indexed partly, never slowly). */
const MAX_ENTRIES = 200_000;

export const diskIO: IndexIO = {
  read(uri: string) {
    if (!uri.startsWith('file:')) return undefined;
    try {
      const file = fileURLToPath(uri);
      const info = statSync(file);
      if (!info.isFile()) return info.isDirectory() ? undefined : 'unreadable';
      if (info.size > MAX_BYTES) return 'unreadable';
      const bytes = readFileSync(file);
      if (bytes.subarray(0, 8192).includes(0)) return 'unreadable';
      return bytes.toString('utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : 'unreadable';
    }
  },
};

/** Walks the folders (file: URIs) and reports every Compose, Bake and workflow file; yields between directories. */
export async function scanWorkspace(folderUris: readonly string[], onFile: (uri: string) => void): Promise<number> {
  let entries = 0;
  const queue = folderUris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  while (queue.length > 0 && entries < MAX_ENTRIES) {
    const dir = queue.shift() as string;
    let list;
    try {
      list = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of list) {
      entries++;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) queue.push(full);
      } else if (entry.isFile()) {
        const uri = pathToFileURL(full).href;
        if (crossFileKind(uri)) onFile(uri);
      }
    }
  }
  return entries;
}
