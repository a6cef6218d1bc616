/**
 * The contract between the language server and its clients (the VS Code extension, the CLI, other
 * editors): custom method names and their payloads, the lens command ids, the settings with their
 * defaults, and the build-context rule every side must agree on.
 *
 * Dependency-free on purpose (imports nothing): the client bundles this file and nothing else from
 * the server side, so the analysis (dockerfile-ast…) stays out of the extension host.
 */

// ---- Custom methods ----

/** Custom JSON-RPC methods (requests and notifications) beyond LSP. */
export const METHODS = {
  /** Request, client → server: `StagesParams` → `StageSummary[]` (the command palette's quick picks, tasks). */
  stages: 'dockerfileStages/stages',
  /** Notification, client → server: `SetTargetParams`; the per-file build target (overrides the `target` setting). */
  setTarget: 'dockerfileStages/setTarget',
  /** Notification, client → server: `HandledCommandsParams`; the lens commands the client runs now (trust changed). */
  handledCommands: 'dockerfileStages/handledCommands',
  /** Request, client → server: `GraphParams` → `GraphView | null` (the stage graph view). */
  graph: 'dockerfileStages/graph',
  /** Notification, client → server: `StageSizesParams`; image sizes read after builds (lens and hover show them). */
  stageSizes: 'dockerfileStages/stageSizes',
  /** Request, client → server: `CheckFilesParams` → `CheckFilesResult`; diagnostics for Dockerfiles that are not open (Check All Dockerfiles). */
  checkFiles: 'dockerfileStages/checkFiles',
} as const;

// ---- Server command line ----

/** `server/dist/server.js --code-cache-dir=<dir>`: where the server keeps V8's code cache of its bundle (VS Code passes the extension's storage folder; default: a private folder under the temp folder). */
export const CODE_CACHE_DIR_ARG = '--code-cache-dir';
/** `server/dist/server.js --no-code-cache`: compile the bundle on every start, read and write no cache. */
export const NO_CODE_CACHE_ARG = '--no-code-cache';

/** Files larger than this are not checked by `METHODS.checkFiles` (no Dockerfile is this long). */
export const CHECK_FILES_MAX_BYTES = 1024 * 1024;
/** At most this many files per `METHODS.checkFiles` request. */
export const CHECK_FILES_MAX_COUNT = 500;

export interface CheckFilesParams {
  /** Dockerfiles with their text as on disk; open ones are skipped (they are checked as they change). */
  files: { uri: string; text: string }[];
}

export interface CheckFilesResult {
  /** Files whose diagnostics were published. */
  checked: number;
  /** Diagnostics published for them, all severities. */
  problems: number;
  /** Files not checked: open, too large or beyond the count limit. */
  skipped: string[];
}

export interface StagesParams {
  uri: string;
  /** The file's text, for a file that is not open (the task provider reads Dockerfiles from disk). */
  text?: string;
}

export interface SetTargetParams {
  uri: string;
  /** A stage name; '' (or blank) clears the file's target. */
  target: string;
}

export interface HandledCommandsParams {
  commands: string[];
}

/** LSP's DocumentFilter, structurally (this file imports nothing). */
export interface DocumentFilter {
  language?: string;
  scheme?: string;
  pattern?: string;
}

/** `initializationOptions` of the initialize request. */
export interface InitializationOptions {
  /** Lens command ids the client runs (see `STAGE_COMMANDS`); lenses for other commands are not offered. */
  handledCommands?: string[];
  /**
   * The client's Dockerfile documents. A client that also sends Compose/Bake/workflow files (for
   * their targets) names its Dockerfiles here: the Dockerfile-only features (formatting, folding,
   * semantic tokens, symbols, links, signature help, lenses, highlights) are registered for these only.
   */
  dockerfileSelector?: DocumentFilter[];
}

// ---- Commands ----

/** Client-side command ids. The server never runs anything; it only names these in lenses. */
export const STAGE_COMMANDS = {
  build: 'dockerfileStages.buildStage',
  shell: 'dockerfileStages.shellInStage',
  showReferences: 'dockerfileStages.showStageReferences',
  /** Offered instead of `shell` on stages without a shell (scratch, distroless). */
  inspectFiles: 'dockerfileStages.inspectStageFiles',
} as const;

/** "Dockerfile Stages: Select Build Target": argument `SelectTargetArgs` or a URI. */
export const SELECT_TARGET_COMMAND = 'dockerfileStages.selectTarget';

/** Arguments other features may pass to `SELECT_TARGET_COMMAND`: pick for `uri`, or set `target` directly ('' resets). */
export interface SelectTargetArgs {
  uri: string;
  target?: string;
}

/** Arguments of the build and shell commands (plain data, JSON-safe). */
export interface StageCommandArgs {
  uri: string;
  /** The stage's name, or its index (as a string) when unnamed. */
  stage: string;
  stageIndex: number;
  /** The last stage: built without `--target`, like `docker build .`. */
  isLast: boolean;
}

/** One entry per stage, for the command palette's quick pick (request `METHODS.stages`). */
export interface StageSummary extends StageCommandArgs {
  name?: string;
  baseImage: string;
  /** Whether `--target` can select exactly this stage (named, and the last of its name; or the last stage). */
  buildable: boolean;
  /** The stage's image has no shell (scratch, distroless): "Inspect files" instead of "Shell in". */
  noShell: boolean;
}

/** LSP's Position and Location, structurally (this file imports nothing). */
export interface ProtocolPosition {
  line: number;
  character: number;
}

export interface ProtocolLocation {
  uri: string;
  range: { start: ProtocolPosition; end: ProtocolPosition };
}

/** Arguments of the info lens's command: what `editor.action.showReferences` needs. */
export interface ShowReferencesArgs {
  uri: string;
  position: ProtocolPosition;
  locations: ProtocolLocation[];
}

// ---- Stage graph and sizes ----

export interface GraphParams {
  uri: string;
}

export interface GraphViewStage {
  index: number;
  name?: string;
  label: string;
  baseImage: string;
  /** Needed by the target. */
  reachable: boolean;
  /** BuildKit's parallel level: the longest dependency chain below the stage. */
  level: number;
  /** The FROM line (0-based), where a click in the graph goes. */
  line: number;
  buildable: boolean;
  isLast: boolean;
  noShell: boolean;
}

export interface GraphViewEdge {
  /** The stage that needs `to`. */
  from: number;
  to: number;
  kind: `from` | `copy-from` | `mount-from`; // template literal types: a quoted from-word reads as an import to protocolContract.test.ts
  line: number;
}

export interface GraphView {
  uri: string;
  version: number;
  stages: GraphViewStage[];
  edges: GraphViewEdge[];
  /** Index of the target stage (-1 when the file has no stage). */
  target: number;
  /** The same graph as a Mermaid flowchart (the CLI's `graph --format mermaid`). */
  mermaid: string;
}

export interface StageSizeInfo {
  /** Image size in bytes, as `image inspect` reports it. */
  bytes: number;
  /** Layers in the image's history. */
  layers: number;
}

/** Sizes by stage label (name, or index of an unnamed stage); replaces what was sent for the uri before. */
export interface StageSizesParams {
  uri: string;
  sizes: Record<string, StageSizeInfo>;
}

/** `1536` → `1.5 kB`; decimal units, as docker prints image sizes. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const shown = unit === 0 ? String(Math.round(value)) : value >= 100 ? value.toFixed(0) : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}

// ---- Settings ----

/** The configuration section; every setting key is `<section>.<key>` (package.json `contributes.configuration`). */
export const SETTINGS_SECTION = 'dockerfileStages';

export type RuleSeverity = 'off' | 'hint' | 'information' | 'warning' | 'error';

export interface BuildSettings {
  /** Container engine executable: docker (default), podman, buildah or nerdctl, or a path to one. */
  engine: string;
  /** Build context folder; '' chooses one (see `resolveBuildContext`). Relative paths are relative to the workspace folder. */
  context: string;
  /** Image tag template; `${folder}` and `${stage}` are replaced. */
  tagTemplate: string;
  buildArgs: Record<string, string>;
  extraFlags: string[];
  platform: string;
  /** `--builder` (docker buildx) / remote BuildKit. */
  builder: string;
  /** `--context` (docker contexts). */
  dockerContext: string;
  /** DOCKER_BUILDKIT value passed to the engine; '' leaves it unset. */
  buildkit: string;
  /** Shell used by "Shell in stage". */
  shell: string;
}

/**
 * The settings every feature reads, as plain data. The server fetches them per resource
 * (workspace/configuration with a scopeUri); the CLI reads them from a config file.
 * Adding a setting: package.json contribution → this type and its default → server/client.
 */
export interface Settings {
  /** Build target stage for reachability; '' means the last stage. */
  target: string;
  rules: Record<string, RuleSeverity>;
  /** Let base completion query Docker Hub for image tags (network). Off by default. */
  dockerHubLookups: boolean;
  /** Runtime base images used by the "Extract builder stage" refactor, by toolchain image name. */
  runtimeImages: Record<string, string>;
  build: BuildSettings;
  /** Compose, Bake and workflow files: their `target`s checked against the stages, and counted as uses of them. */
  crossFile: { enabled: boolean };
  /** Which lenses VS Code shows (the client filters; other editors get every lens). */
  codeLens: CodeLensSettings;
}

export interface CodeLensSettings {
  /** "▶ Build stage" / "▶ Build image". */
  build: boolean;
  /** "⌨ Shell in" / "▤ Inspect files". */
  shell: boolean;
  /** "needs … · used by …". */
  relations: boolean;
}

/**
 * Compose, Bake and GitHub workflow files, as glob patterns: the client's document selector,
 * watchers and activation events (package.json) use them; the server reads exactly these names
 * (server/test/crossfile/selectors.test.ts keeps the two in step).
 */
export const CROSS_FILE_PATTERNS = [
  '**/{compose,docker-compose}.{yaml,yml}',
  '**/{compose,docker-compose}.*.{yaml,yml}',
  '**/docker-bake.{hcl,json}',
  '**/docker-bake.*.{hcl,json}',
  '**/.github/workflows/*.{yml,yaml}',
] as const;

/** Dockerfiles on disk, whose stages the targets name (a change re-checks the files that build them). */
export const DOCKERFILE_PATTERN = '**/{Dockerfile,Containerfile,Dockerfile.*,Containerfile.*,*.Dockerfile,*.dockerfile,*.containerfile}';

/** `dockerfileStages.crossFile.enabled`, relative to `SETTINGS_SECTION`. */
export const CROSS_FILE_ENABLED_KEY = 'crossFile.enabled' as const;

/** Full key of a setting as package.json and `affectsConfiguration` spell it, e.g. `dockerfileStages.build.context`. */
export function settingKey(key: keyof Settings | `build.${keyof BuildSettings}` | `crossFile.${keyof Settings['crossFile']}` | `codeLens.${keyof CodeLensSettings}`): string {
  return `${SETTINGS_SECTION}.${key}`;
}

export const defaultSettings: Settings = {
  target: '',
  rules: {},
  dockerHubLookups: false,
  runtimeImages: {},
  build: {
    engine: 'docker',
    context: '',
    tagTemplate: '${folder}-${stage}:dev',
    buildArgs: {},
    extraFlags: [],
    platform: '',
    builder: '',
    dockerContext: '',
    buildkit: '1',
    shell: 'sh',
  },
  crossFile: { enabled: true },
  codeLens: { build: true, shell: true, relations: true },
};

/** Fills what a partial (user-provided) settings object leaves out with the defaults. */
export function withDefaults(partial: unknown): Settings {
  const p = (partial && typeof partial === 'object' ? partial : {}) as Partial<Settings>;
  return {
    ...defaultSettings,
    ...p,
    rules: { ...(isRecord(p.rules) ? p.rules : {}) },
    runtimeImages: { ...(isRecord(p.runtimeImages) ? p.runtimeImages : {}) },
    build: { ...defaultSettings.build, ...(isRecord(p.build) ? (p.build as Partial<BuildSettings>) : {}) },
    crossFile: { enabled: isRecord(p.crossFile) && typeof p.crossFile.enabled === 'boolean' ? p.crossFile.enabled : defaultSettings.crossFile.enabled },
    codeLens: { ...defaultSettings.codeLens, ...(isRecord(p.codeLens) ? (p.codeLens as Partial<CodeLensSettings>) : {}) },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

// ---- Build context ----

/** The few `node:path` functions the resolver needs; callers pass `node:path` itself (this file imports nothing). */
export interface PathFunctions {
  dirname(p: string): string;
  join(...parts: string[]): string;
  resolve(...parts: string[]): string;
  relative(from: string, to: string): string;
  isAbsolute(p: string): boolean;
}

export interface BuildContextInput {
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** The workspace folder holding the Dockerfile (the CLI: the working directory), if any. */
  workspaceFolder?: string;
  /** `dockerfileStages.build.context`. */
  setting: string;
  /** Whether a regular file exists at an absolute path. */
  isFile(file: string): boolean;
}

/**
 * The build context of a Dockerfile; the server (missing-dockerignore, context files for refactors),
 * the client (build and shell tasks) and the CLI all call this, so they agree.
 * - `build.context` set: that folder; a relative one is relative to the workspace folder (else to the
 *   Dockerfile's folder).
 * - Empty (the default): the nearest folder, from the Dockerfile's up to the workspace folder, that
 *   holds a `.dockerignore`, else the Dockerfile's folder. A `.dockerignore` is read only at the root of
 *   a build context, so it marks one: a repository that keeps `docker/app/Dockerfile` and a root
 *   `.dockerignore` builds with `docker build -f docker/app/Dockerfile .` from the root.
 *   BuildKit's Dockerfile-specific `<Dockerfile>.dockerignore` says nothing about the context, so it
 *   does not count.
 */
export function resolveBuildContext(input: BuildContextInput, path: PathFunctions): string {
  const dockerfileDir = path.dirname(path.resolve(input.dockerfile));
  const setting = input.setting.trim();
  if (setting) return path.resolve(input.workspaceFolder ?? dockerfileDir, setting);
  const root = input.workspaceFolder ? path.resolve(input.workspaceFolder) : undefined;
  if (!root || !isInside(dockerfileDir, root, path)) return dockerfileDir;
  for (let dir = dockerfileDir; ; dir = path.dirname(dir)) {
    if (input.isFile(path.join(dir, '.dockerignore'))) return dir;
    if (dir === root || path.dirname(dir) === dir) break;
  }
  return dockerfileDir;
}

function isInside(dir: string, root: string, path: PathFunctions): boolean {
  const rel = path.relative(root, dir);
  return rel === '' || (rel.split(/[\\/]/)[0] !== '..' && !path.isAbsolute(rel));
}
