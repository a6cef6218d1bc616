/**
 * "Build before and after" checks that the refactored image can still start its program: it reads the
 * image's CMD/ENTRYPOINT/PATH/WORKDIR (`image inspect`), works out the program (and, for an
 * interpreter, the script it is given) and looks for them in the image's file listing (create +
 * export; the app is never run). Pure: argv builders and the reasoning; the client runs them.
 */
import * as path from 'node:path';
import { formatBytes } from '../../server/src/protocol';
import { engineKind, globalFlags, type Invocation } from './engineCommand';
import type { ImageQuery } from './imageInfo';
import type { TarEntry } from './tarListing';

export interface ImageConfig {
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Env?: string[] | null;
  WorkingDir?: string;
}

export function configInvocation(q: ImageQuery): Invocation {
  const command = engineKind(q.engine) === 'buildah' ? 'podman' : q.engine;
  return { command, args: [...globalFlags(engineKind(command), q.settings), 'image', 'inspect', '--format', '{{json .Config}}', q.tag], env: { ...q.env }, tag: q.tag };
}

export function parseConfig(stdout: string): ImageConfig {
  try {
    const value = JSON.parse(stdout.trim()) as ImageConfig | null;
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', '/bin/sh', '/bin/bash', '/bin/ash', '/bin/dash', '/usr/bin/bash']);
/** Interpreters whose first non-option argument is a file the image must hold. */
const SCRIPT_RUNNERS = /^(node|nodejs|python[0-9.]*|ruby|php|perl|dotnet|bun|deno)$/;

/** The argv the container starts with: ENTRYPOINT + CMD, a `sh -c "…"` unwrapped to its first command. */
export function startCommand(config: ImageConfig): string[] {
  let argv = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
  if (argv.length >= 3 && SHELLS.has(argv[0]) && argv[1] === '-c') {
    argv = argv[2].trim().split(/\s+/);
    while (argv[0] === 'exec' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0] ?? '')) argv.shift();
  }
  return argv;
}

export interface ProgramCheck {
  /** What the container runs, as written in the image config. */
  command: string[];
  /** Files that must exist, each with where it was found (undefined: missing). */
  files: { wanted: string; found?: string }[];
  ok: boolean;
}

export function checkProgram(config: ImageConfig, entries: TarEntry[]): ProgramCheck {
  const command = startCommand(config);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const workdir = config.WorkingDir || '/';
  const pathVar = (config.Env ?? []).find((e) => e.startsWith('PATH='))?.slice(5) || DEFAULT_PATH;
  const resolve = (p: string, hops = 0): string | undefined => {
    const entry = byPath.get(p);
    if (!entry) return undefined;
    if (entry.type === 'symlink' && entry.linkTarget && hops < 8) {
      const target = entry.linkTarget.startsWith('/') ? entry.linkTarget : path.posix.join(path.posix.dirname(p), entry.linkTarget);
      return resolve(path.posix.normalize(target), hops + 1);
    }
    return entry.type === 'directory' ? undefined : p;
  };
  const files: ProgramCheck['files'] = [];
  if (command.length === 0) return { command, files, ok: false };
  const program = command[0];
  if (program.includes('/')) {
    const wanted = path.posix.resolve(workdir, program);
    files.push({ wanted, found: resolve(wanted) });
  } else {
    const candidates = pathVar.split(':').filter(Boolean).map((dir) => path.posix.join(dir, program));
    const found = candidates.map((c) => resolve(c)).find((c) => c !== undefined);
    files.push({ wanted: program, found });
  }
  const base = path.posix.basename(program);
  if (SCRIPT_RUNNERS.test(base) || base === 'java') {
    const args = command.slice(1);
    const jar = base === 'java' ? args.indexOf('-jar') : -1;
    const script = base === 'java' ? (jar >= 0 ? args[jar + 1] : undefined) : args.find((a) => !a.startsWith('-'));
    if (script && /[./]/.test(script)) {
      const wanted = path.posix.resolve(workdir, script);
      // node resolves `node server` to server.js, index.js in a folder: accept those.
      const options = base.startsWith('node') ? [wanted, `${wanted}.js`, path.posix.join(wanted, 'index.js')] : [wanted];
      files.push({ wanted, found: options.map((o) => resolve(o)).find((o) => o !== undefined) });
    }
  }
  return { command, files, ok: files.every((f) => f.found !== undefined) };
}

/** `812 MB → 14.2 MB; /usr/local/bin/server is in the new image` (or what is missing). */
export function beforeAfterReport(before: number | undefined, after: number | undefined, check: ProgramCheck): string {
  const size = (n: number | undefined) => (n === undefined ? '?' : formatBytes(n));
  const sizes = `${size(before)} → ${size(after)}`;
  if (check.command.length === 0) return `${sizes}; the new image has no CMD or ENTRYPOINT to check.`;
  const missing = check.files.filter((f) => !f.found).map((f) => f.wanted);
  if (missing.length) return `${sizes}; NOT in the new image: ${missing.join(', ')} (it runs ${JSON.stringify(check.command)}).`;
  return `${sizes}; ${check.files.map((f) => f.found).join(' and ')} ${check.files.length === 1 ? 'is' : 'are'} in the new image.`;
}
