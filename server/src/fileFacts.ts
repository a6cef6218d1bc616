/**
 * FileFacts for the rules, read from disk on the server side (the service stays pure): whether the
 * build context of a Dockerfile has a .dockerignore (`<context>/.dockerignore`, or BuildKit's
 * Dockerfile-specific `<Dockerfile>.dockerignore` next to it), its contents (the specific one wins,
 * as in BuildKit), and where a new one would go.
 */
import { readFile, stat } from 'node:fs/promises';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FileFacts } from './service';
import { resolveBuildContext, type Settings } from './protocol';
import type { ContextFiles } from './service/refactors/ecosystems/types';

async function isFile(p: string): Promise<boolean | undefined> {
  try {
    return (await stat(p)).isFile();
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR' ? false : undefined;
  }
}

/** The build context folder of a Dockerfile (`resolveBuildContext`, as the client and the CLI), given the workspace folders open. */
export function buildContextDir(file: string, context: string, workspaceFolders: readonly string[]): string {
  const workspaceFolder = workspaceFolders
    .filter((f) => file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep))
    .sort((a, b) => b.length - a.length)[0];
  return resolveBuildContext({ dockerfile: file, workspaceFolder, setting: context, isFile: isFileSync }, path);
}

function isFileSync(p: string): boolean {
  try {
    return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

export async function fileFactsFor(uri: string, settings: Settings, workspaceFolderUris: readonly string[]): Promise<FileFacts> {
  if (!uri.startsWith('file:')) return {};
  const file = fileURLToPath(uri);
  const folders = workspaceFolderUris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  const context = buildContextDir(file, settings.build.context, folders);
  const ignore = path.join(context, '.dockerignore');
  const [shared, specific] = await Promise.all([isFile(ignore), isFile(`${file}.dockerignore`)]);
  const exists = shared || specific ? true : shared === undefined || specific === undefined ? undefined : false;
  // BuildKit prefers the Dockerfile-specific ignore file over the context's.
  const dockerignore = specific ? await readSmall(`${file}.dockerignore`) : shared ? await readSmall(ignore) : undefined;
  const facts: FileFacts = { dockerignoreExists: exists, dockerignoreUri: pathToFileURL(ignore).href, context: contextFilesFor(uri, settings, workspaceFolderUris) };
  if (dockerignore !== undefined) facts.dockerignore = dockerignore;
  return facts;
}

async function readSmall(p: string): Promise<string | undefined> {
  try {
    const info = await stat(p);
    return info.size <= MAX_CONTEXT_FILE_BYTES ? await readFile(p, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Most entries of one folder a refactor is told about (a huge folder is no application folder). */
const MAX_LISTED_ENTRIES = 2000;

/** Largest build-context file a refactor may read (manifests are small; anything bigger is not one). */
const MAX_CONTEXT_FILE_BYTES = 256 * 1024;

/**
 * Read access to the Dockerfile's build context for refactors (Cargo.toml, go.mod, package.json…):
 * only paths inside the context folder, only regular files under the size cap; anything else reads
 * as absent. Synchronous because the refactors are pure and synchronous; reads are small and rare.
 */
export function contextFilesFor(uri: string, settings: Settings, workspaceFolderUris: readonly string[]): ContextFiles | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const file = fileURLToPath(uri);
  const folders = workspaceFolderUris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  const context = buildContextDir(file, settings.build.context, folders);
  const inside = (relativePath: string): string | undefined => {
    const target = path.resolve(context, relativePath);
    return target === context || target.startsWith(context.endsWith(path.sep) ? context : context + path.sep) ? target : undefined;
  };
  return {
    list(relativeDir: string): string[] | undefined {
      const target = inside(relativeDir);
      if (!target) return undefined;
      try {
        const entries = readdirSync(target, { withFileTypes: true });
        if (entries.length > MAX_LISTED_ENTRIES) return undefined;
        return entries.filter((e) => e.isFile() || e.isDirectory()).map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort();
      } catch {
        return undefined;
      }
    },
    read(relativePath: string): string | undefined {
      const target = inside(relativePath);
      if (!target) return undefined;
      try {
        const info = statSync(target);
        return info.isFile() && info.size <= MAX_CONTEXT_FILE_BYTES ? readFileSync(target, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * File facts per Dockerfile, read once and kept until a file they depend on changes: the client's
 * watcher reports every `*.dockerignore` (workspace/didChangeWatchedFiles), and a configuration change
 * may move the build context. So typing never stats the disk.
 */
export class FileFactsCache {
  private readonly cache = new Map<string, Promise<FileFacts>>();
  /** How many times facts were read from disk (not served from the cache). */
  reads = 0;

  get(uri: string, settings: Settings, workspaceFolderUris: readonly string[]): Promise<FileFacts> {
    const key = JSON.stringify([uri, settings.build.context, workspaceFolderUris]);
    let facts = this.cache.get(key);
    if (!facts) {
      this.reads++;
      facts = fileFactsFor(uri, settings, workspaceFolderUris);
      this.cache.set(key, facts);
    }
    return facts;
  }

  /** Forgets what changed files may affect; returns whether anything was forgotten. */
  changed(uris: readonly string[]): boolean {
    if (!uris.some(isDockerignore) || this.cache.size === 0) return false;
    // Any build context may be any folder, so a .dockerignore change can concern every Dockerfile.
    this.cache.clear();
    return true;
  }

  clear(): void {
    this.cache.clear();
  }
}

/** `.dockerignore` or a Dockerfile-specific `<name>.dockerignore`. */
function isDockerignore(uri: string): boolean {
  return uri.toLowerCase().endsWith('.dockerignore');
}
