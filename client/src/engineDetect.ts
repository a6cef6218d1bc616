/**
 * Which container engines this machine has: the configured one (`dockerfileStages.build.engine`, a
 * name looked up on PATH or a path) and the known ones found on PATH. Pure: the file system is asked
 * through `isExecutable`, so tests give it a made-up PATH. Nothing runs here.
 */
import * as path from 'node:path';
import { engineKind, type EngineKind } from './engineCommand';

export const KNOWN_ENGINES: readonly EngineKind[] = ['docker', 'podman', 'nerdctl', 'buildah'];

export interface EngineProbe {
  /** The PATH variable. */
  pathEnv: string;
  platform: NodeJS.Platform;
  /** PATHEXT on Windows (`.EXE;.CMD;…`). */
  pathExt?: string;
  isExecutable: (file: string) => boolean;
}

export interface FoundEngine {
  kind: EngineKind;
  path: string;
}

export interface EngineStatus {
  /** The setting's value ('docker' when unset). */
  configured: string;
  /** Where the configured engine is; undefined when it is not found. */
  resolved?: string;
  /** Known engines on PATH, in KNOWN_ENGINES order. */
  available: FoundEngine[];
}

/** The file `command` runs: itself when it has a directory part, else the first match on PATH. */
export function findExecutable(command: string, probe: EngineProbe): string | undefined {
  if (!command) return undefined;
  const windows = probe.platform === 'win32';
  const pathApi = windows ? path.win32 : path.posix;
  const extensions = windows ? ['', ...(probe.pathExt || '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean)] : [''];
  const candidates = (base: string) => extensions.map((ext) => base + ext);
  if (command.includes('/') || (windows && command.includes('\\'))) {
    return candidates(command).find((file) => probe.isExecutable(file));
  }
  for (const dir of probe.pathEnv.split(windows ? ';' : ':')) {
    if (!dir) continue;
    const hit = candidates(pathApi.join(dir, command)).find((file) => probe.isExecutable(file));
    if (hit) return hit;
  }
  return undefined;
}

export function detectEngines(configured: string, probe: EngineProbe): EngineStatus {
  const engine = configured.trim() || 'docker';
  const available: FoundEngine[] = [];
  for (const kind of KNOWN_ENGINES) {
    const found = findExecutable(kind, probe);
    if (found) available.push({ kind, path: found });
  }
  const resolved = findExecutable(engine, probe);
  // buildah's shell step runs podman (engineCommand.ts): without podman, buildah alone cannot open a shell.
  return { configured: engine, resolved, available };
}

/** Whether a stage's "Shell in" can run with this status (buildah needs podman for the run step). */
export function canRunContainers(status: EngineStatus): boolean {
  if (!status.resolved) return false;
  return engineKind(status.configured) !== 'buildah' || status.available.some((e) => e.kind === 'podman');
}

/** One sentence for the user: what is missing and what was found instead. */
export function describeMissingEngine(status: EngineStatus): string {
  const others = status.available.filter((e) => e.kind !== engineKind(status.configured));
  const found = others.length ? ` Found on PATH: ${others.map((e) => e.kind).join(', ')}.` : ' No docker, podman, nerdctl or buildah is on PATH either.';
  return `No container engine: '${status.configured}' (dockerfileStages.build.engine) was not found.${found}`;
}
