/**
 * The argv of a stage build and of a shell in a stage, for each container engine. Pure: no `vscode`
 * import, nothing runs here. The client wraps the result in a `vscode.Task` (buildTask.ts); the
 * real-engine suite (test/docker/lens.test.ts) runs exactly what these functions return.
 *
 * Safety: every stage name, path, tag and value is its own argv element and never passes through a
 * shell. Values that an engine would read as an option (a leading `-`) are refused; paths starting
 * with `-` are made `./-…`; spaces, quotes, `$()`, backticks, `;` and non-ASCII pass through untouched.
 *
 * Argv shapes (global flags before the subcommand):
 *   docker   [--context C] build -f F [--target S] -t T [--platform P] [--build-arg K=V]… [extra]… CTX
 *            with a builder: [--context C] buildx build --builder B --load -f F …   (--load: the shell
 *            step needs the image in the engine's store, which a remote builder does not fill)
 *   nerdctl  build [--buildkit-host B] -f F …                          (no Docker contexts: refused)
 *   podman   [--connection C] build -f F …                             (dockerContext = podman
 *            system connection; no builder: refused)
 *   buildah  bud -f F …                                                (neither: refused)
 * Shell step: [global flags] run --rm -it [--platform P] --entrypoint SHELL T. buildah cannot run an
 * image interactively in one command (it needs `from` + `run` + `rm` of a working container), so its
 * shell step uses `podman`, which shares buildah's image store (containers-storage).
 * The last stage is built without `--target` (what `docker build .` builds). BuildKit's `--target`
 * selects stages by name only, so an unnamed stage other than the last cannot be built alone.
 */
import * as path from 'node:path';
import type { BuildSettings } from '../../server/src/protocol';

export type EngineKind = 'docker' | 'podman' | 'buildah' | 'nerdctl';

/**
 * Problem matchers (contributed in package.json) for build output: BuildKit prints 0, 1 or 2 context
 * lines between `Dockerfile:N` / `----` and the `>>>` line, and a matcher's patterns must sit on
 * consecutive lines, so there is one matcher per count.
 */
export const BUILD_PROBLEM_MATCHERS = ['$dockerfile-stages', '$dockerfile-stages-1', '$dockerfile-stages-2'];

/** A request the builder refuses; the message is meant for the user as is. */
export class EngineCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineCommandError';
  }
}

export interface StageInvocationInput {
  /** Executable to run; defaults to `settings.engine`. Its file name picks the argv shape. */
  engine?: string;
  dockerfile: string;
  contextDir: string;
  /** The stage's name, or its index when unnamed (only usable as the last stage). */
  stage: string;
  /** The Dockerfile's last stage: built without `--target`. */
  isLast?: boolean;
  settings: BuildSettings;
  /** `${folder}` in the tag template (the client passes the Dockerfile's folder name). */
  folderName: string;
}

export interface Invocation {
  command: string;
  args: string[];
  /** Added to the inherited environment. */
  env: Record<string, string>;
  /** The image tag the build produces and the shell runs. */
  tag: string;
}

export interface ShellOptions {
  /** `-it` (default true). Tests run the shell step without a terminal. */
  interactive?: boolean;
  /** Arguments after the image, passed to the shell (e.g. `['-c', 'cat /built']`). */
  shellArgs?: string[];
}

/** The argv shape an engine executable takes, from its file name (`/usr/bin/podman`, `nerdctl.exe`). */
export function engineKind(engine: string): EngineKind {
  const base = path.posix.basename(engine.replace(/\\/g, '/')).toLowerCase().replace(/\.exe$/, '');
  for (const kind of ['podman', 'buildah', 'nerdctl'] as const) {
    if (base === kind || base.startsWith(`${kind}-`)) return kind;
  }
  return 'docker';
}

export function buildInvocation(input: StageInvocationInput): Invocation {
  const { settings } = input;
  const command = input.engine || settings.engine || 'docker';
  const kind = engineKind(command);
  const isLast = !!input.isLast;
  checkStage(input.stage, isLast);
  const tag = stageTag(settings.tagTemplate, input.folderName, input.stage);
  const builder = optionValue('builder', settings.builder);
  const platform = optionValue('platform', settings.platform);
  const env: Record<string, string> = {};
  const args = globalFlags(kind, settings);

  if (kind === 'docker' && builder) {
    args.push('buildx', 'build', '--builder', builder, '--load');
  } else if (kind === 'buildah') {
    args.push('bud');
  } else {
    args.push('build');
    if (kind === 'nerdctl' && builder) args.push('--buildkit-host', builder);
  }
  if (kind === 'docker' && !builder && settings.buildkit) env.DOCKER_BUILDKIT = settings.buildkit;

  args.push('-f', safePath('Dockerfile', input.dockerfile));
  if (!isLast) args.push('--target', input.stage);
  args.push('-t', tag);
  if (platform) args.push('--platform', platform);
  for (const [name, value] of Object.entries(settings.buildArgs ?? {})) {
    checkBuildArgName(name);
    args.push('--build-arg', `${name}=${String(value)}`);
  }
  for (const flag of settings.extraFlags ?? []) if (typeof flag === 'string') args.push(flag);
  args.push(safePath('Build context', input.contextDir));
  return { command, args, env, tag };
}

/** `run --rm -it --entrypoint <shell> <tag>` for the image `buildInvocation` produced. */
export function shellInvocation(input: StageInvocationInput, options: ShellOptions = {}): Invocation {
  const { settings } = input;
  const engine = input.engine || settings.engine || 'docker';
  const kind = engineKind(engine);
  checkStage(input.stage, !!input.isLast);
  const tag = stageTag(settings.tagTemplate, input.folderName, input.stage);
  const shell = checkShell(settings.shell || 'sh');
  const platform = optionValue('platform', settings.platform);
  const args = globalFlags(kind, settings);
  args.push('run', '--rm');
  if (options.interactive !== false) args.push('-it');
  if (platform) args.push('--platform', platform);
  args.push('--entrypoint', shell, tag, ...(options.shellArgs ?? []));
  return { command: kind === 'buildah' ? 'podman' : engine, args, env: {}, tag };
}

/** Flags before the subcommand (where an engine is), refusing settings the engine has no flag for. */
export function globalFlags(kind: EngineKind, settings: BuildSettings): string[] {
  const builder = optionValue('builder', settings.builder);
  const context = optionValue('dockerContext', settings.dockerContext);
  if (builder && (kind === 'podman' || kind === 'buildah')) {
    throw new EngineCommandError(`dockerfileStages.build.builder is set to '${builder}', but ${kind} has no remote builders. Clear the setting or use docker.`);
  }
  if (context && (kind === 'nerdctl' || kind === 'buildah')) {
    throw new EngineCommandError(`dockerfileStages.build.dockerContext is set to '${context}', but ${kind} has no Docker contexts. Clear the setting or use docker (or podman, where it names a system connection).`);
  }
  if (!context) return [];
  return kind === 'podman' ? ['--connection', context] : ['--context', context];
}

/** Refuses stage values an engine could misread or that cannot name a target. */
export function checkStage(stage: string, isLast: boolean): void {
  if (typeof stage !== 'string' || stage === '') throw new EngineCommandError('No stage given.');
  if (stage.startsWith('-')) {
    throw new EngineCommandError(`Refusing stage ${JSON.stringify(stage)}: a name starting with '-' would be read as an option.`);
  }
  if (/[\s\p{Cc}]/u.test(stage)) {
    throw new EngineCommandError(`Refusing stage ${JSON.stringify(stage)}: stage names cannot contain spaces or control characters.`);
  }
  if (!isLast && /^[0-9]+$/.test(stage)) {
    throw new EngineCommandError(
      `Stage ${stage} is unnamed and not the last stage: BuildKit's --target selects stages by name only. Name it (FROM … AS <name>) to build it alone.`,
    );
  }
}

function checkShell(shell: string): string {
  if (shell.startsWith('-') || /[\s\p{Cc}]/u.test(shell)) {
    throw new EngineCommandError(`dockerfileStages.build.shell must be one program (sh, bash, /bin/ash), not ${JSON.stringify(shell)}.`);
  }
  return shell;
}

function checkBuildArgName(name: string): void {
  if (name === '' || name.includes('=') || name.startsWith('-') || /[\s\p{Cc}]/u.test(name)) {
    throw new EngineCommandError(`Refusing build arg name ${JSON.stringify(name)} in dockerfileStages.build.buildArgs.`);
  }
}

/** A setting that becomes the value of a flag: trimmed; '' means unset; a leading '-' is refused. */
function optionValue(setting: string, value: unknown): string {
  const v = typeof value === 'string' ? value.trim() : '';
  if (v.startsWith('-')) {
    throw new EngineCommandError(`Refusing dockerfileStages.build.${setting} ${JSON.stringify(v)}: it would be read as an option.`);
  }
  return v;
}

function safePath(what: string, p: string): string {
  if (!p) throw new EngineCommandError(`${what} path is empty.`);
  return p.startsWith('-') ? `./${p}` : p;
}

// ---- Tags ----

const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^${DOMAIN_PART}(?:\\.${DOMAIN_PART})*(?::[0-9]+)?$`);
const PATH = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/**
 * `[domain/]path[/path…][:tag]` as the distribution reference grammar reads it: the first part is a
 * registry only when it has a `.` or a `:port` or is `localhost`. No digest: `-t` takes none.
 */
export function isValidImageReference(ref: string): boolean {
  const slash = ref.indexOf('/');
  const first = slash < 0 ? '' : ref.slice(0, slash);
  const hasDomain = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasDomain && !DOMAIN.test(first)) return false;
  const rest = hasDomain ? ref.slice(slash + 1) : ref;
  const colon = rest.lastIndexOf(':');
  const name = colon < 0 ? rest : rest.slice(0, colon);
  if (colon >= 0 && !TAG.test(rest.slice(colon + 1))) return false;
  return PATH.test(name) && (hasDomain ? first.length + 1 : 0) + name.length <= 255;
}

/**
 * Fills `${folder}` and `${stage}` with values made valid in a reference (lowercase, `[a-z0-9._-]`,
 * accents dropped, other characters as `-`), then checks the whole tag.
 */
export function stageTag(template: string, folder: string, stage: string): string {
  const tag = (template || '${folder}-${stage}:dev').replace(/\$\{(folder|stage)\}/g, (_m, key: string) =>
    key === 'folder' ? referencePart(folder, 'image') : referencePart(stage, 'stage'),
  );
  if (!isValidImageReference(tag)) {
    throw new EngineCommandError(
      `dockerfileStages.build.tagTemplate ${JSON.stringify(template)} gives ${JSON.stringify(tag)}, which is not a valid image reference.`,
    );
  }
  return tag;
}

export function referencePart(value: string, fallback: string): string {
  const part = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[._-]{2,}/g, (run) => (/^-+$/.test(run) ? run : '-'))
    .slice(0, 64)
    .replace(/^[._-]+|[._-]+$/g, '');
  return part || fallback;
}
