/**
 * Path arithmetic on file URIs (pure: no file system). Compose, Bake and workflow paths are POSIX
 * paths relative to a folder; values holding variables or naming a remote context resolve to nothing.
 */

/** The folder of a file URI (no trailing slash). */
export function dirUri(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i < 0 ? uri : uri.slice(0, i);
}

/** The last path segment of a URI, decoded. */
export function baseName(uri: string): string {
  return safeDecode(uri.slice(uri.lastIndexOf('/') + 1));
}

/** A key comparing URIs as VS Code and Node spell them (percent-encoding differs between the two). */
export function uriKey(uri: string): string {
  return safeDecode(uri).replace(/^file:\/\/\/([A-Za-z]):/, (_, d: string) => `file:///${d.toLowerCase()}:`);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** True when a path or context cannot be resolved locally: variables, URLs, git remotes, stdin. */
export function isUnresolvable(p: string): boolean {
  return p.includes('$') || p === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(p) || p.startsWith('git@') || /^[a-z]+:[^/\\]/i.test(p);
}

/** `p` resolved against the folder `baseDir` (a URI); absolute paths stay absolute. */
export function resolvePath(baseDir: string, p: string): string | undefined {
  if (isUnresolvable(p)) return undefined;
  const encoded = p
    .replace(/\\/g, '/')
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
  try {
    const url = p.startsWith('/') ? new URL(`file://${encoded}`) : new URL(encoded, `${baseDir}/`);
    return trimTrailingSlashes(url.href);
  } catch {
    return undefined;
  }
}

function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47 /* / */) end--;
  return s.slice(0, end);
}

/** The Dockerfile a build reads: `dockerfile` relative to the context (default `Dockerfile`). */
export function dockerfileIn(contextUri: string | undefined, dockerfile: string | undefined): string | undefined {
  if (!contextUri) return undefined;
  return resolvePath(contextUri, dockerfile && dockerfile.trim() !== '' ? dockerfile : 'Dockerfile');
}
