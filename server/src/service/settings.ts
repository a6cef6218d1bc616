/**
 * The settings every feature reads, as plain data. The server fetches them per resource
 * (workspace/configuration with a scopeUri); the CLI reads them from a config file.
 * Adding a setting: package.json contribution → this type and its default → server/client.
 */
export type RuleSeverity = 'off' | 'hint' | 'information' | 'warning' | 'error';

export interface BuildSettings {
  /** Container engine executable: docker (default), podman, buildah or nerdctl, or a path to one. */
  engine: string;
  /** Build context folder; '' means the Dockerfile's folder. Relative paths are relative to the workspace folder. */
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

export interface Settings {
  /** Build target stage for reachability; '' means the last stage. */
  target: string;
  rules: Record<string, RuleSeverity>;
  /** Also publish dockerfile-utils' syntax diagnostics (turn off when Container Tools shows them). */
  baseDiagnostics: boolean;
  /** Let base completion query Docker Hub for image tags (network). Off by default. */
  dockerHubLookups: boolean;
  /** Runtime base images used by the "Extract builder stage" refactor, by toolchain image name. */
  runtimeImages: Record<string, string>;
  build: BuildSettings;
  /** Compose, Bake and workflow files: their `target`s checked against the stages, and counted as uses of them. */
  crossFile: { enabled: boolean };
}

export const defaultSettings: Settings = {
  target: '',
  rules: {},
  baseDiagnostics: true,
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
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
