/** Small helpers the ecosystem modules share: paths the image runs, artifacts, generated lines. */
import { isAbsolutePath, isInside, resolvePath } from '../../facts/paths';
import type { Artifact, BuildFacts, GeneratedLine } from './types';

/** ENTRYPOINT/CMD words that look like paths (`./app`, `dist/server.js`, `/usr/local/bin/app`), resolved. */
export function runPaths(facts: BuildFacts): string[] {
  return facts.run.words
    .filter((w) => !w.startsWith('-') && !/^[a-z]+:\/\//i.test(w) && (w.includes('/') || w.includes('\\')))
    .map((w) => resolvePath(facts.run.workdir, w));
}

/** The executable the image runs, resolved, when it is written as a path (`./app`, `/out/app`, `bin/app`). */
export function runExecutable(facts: BuildFacts): string | undefined {
  const first = facts.run.words[0];
  if (!first || !(first.includes('/') || first.includes('\\'))) return undefined;
  return resolvePath(facts.run.workdir, first);
}

/** The first path the image runs that lies inside `dir` (but is not `dir` itself). */
export function runPathInside(facts: BuildFacts, dir: string): string | undefined {
  return runPaths(facts).find((p) => p !== dir && isInside(p, dir));
}

/** The top-level entry of `dir` that `path` lies in (`/app`, `/app/dist/x.js` → `/app/dist`). */
export function topEntryIn(dir: string, path: string): string {
  const rest = path.slice(dir.length).replace(/^[\\/]/, '');
  const first = rest.split(/[\\/]/)[0];
  return resolvePath(dir, first);
}

export function artifact(path: string, guessed = false): Artifact {
  return guessed ? { source: path, target: path, guessed } : { source: path, target: path };
}

/**
 * `p` resolved against the command's directory. A path led by a variable (`-o ${APP_NAME}`) is relative
 * when the variable's known value is: it stays written with the variable, which both stages declare.
 */
export function inCwd(facts: BuildFacts, p: string): string {
  const leading = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(p)?.[1];
  const value = leading && (facts.command.assignments[leading] ?? facts.env.get(leading));
  if (value && !isAbsolutePath(value)) return resolvePath(facts.command.cwd, `./${p}`);
  return isAbsolutePath(p) ? resolvePath('/', p) : resolvePath(facts.command.cwd, p);
}

export function line(keyword: string, args: string, comment?: string): GeneratedLine {
  return comment ? { keyword, args, comment } : { keyword, args };
}

/** A file of the build context as JSON (comments and trailing commas tolerated), or undefined. */
export function readJson(facts: BuildFacts, path: string): Record<string, unknown> | undefined {
  const text = facts.files?.read(path);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text.replace(/^[ \t]*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '').replace(/,(\s*[}\]])/g, '$1'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
