/**
 * FileFacts for the rules, read from disk on the server side (the service stays pure): whether the
 * build context of a Dockerfile has a .dockerignore (`<context>/.dockerignore`, or BuildKit's
 * Dockerfile-specific `<Dockerfile>.dockerignore` next to it), and where a new one would go.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FileFacts } from './service/rules/types';
import type { Settings } from './service/settings';

async function isFile(p: string): Promise<boolean | undefined> {
  try {
    return (await stat(p)).isFile();
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR' ? false : undefined;
  }
}

/** The build context folder of a Dockerfile: `build.context` (absolute, or relative to the workspace folder holding the file), else the file's folder. */
export function buildContextDir(file: string, context: string, workspaceFolders: readonly string[]): string | undefined {
  if (context.trim() === '') return path.dirname(file);
  if (path.isAbsolute(context)) return context;
  const folder = workspaceFolders
    .filter((f) => file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep))
    .sort((a, b) => b.length - a.length)[0];
  return folder ? path.resolve(folder, context) : undefined;
}

export async function fileFactsFor(uri: string, settings: Settings, workspaceFolderUris: readonly string[]): Promise<FileFacts> {
  if (!uri.startsWith('file:')) return {};
  const file = fileURLToPath(uri);
  const folders = workspaceFolderUris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  const context = buildContextDir(file, settings.build.context, folders);
  if (!context) return {};
  const ignore = path.join(context, '.dockerignore');
  const [shared, specific] = await Promise.all([isFile(ignore), isFile(`${file}.dockerignore`)]);
  const exists = shared || specific ? true : shared === undefined || specific === undefined ? undefined : false;
  return { dockerignoreExists: exists, dockerignoreUri: pathToFileURL(ignore).href };
}
