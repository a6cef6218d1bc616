/**
 * `check` over Compose, Bake and workflow files: their targets against the stages of the
 * Dockerfiles they build (read from disk), and the stages they target counted as build targets.
 */
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { buildUsersByStage, crossFileDiagnostics, crossFileKind, type StageModel } from '../service';
import type { Settings } from '../protocol';
import { loadHclParser } from '../hclParser';
import { WorkspaceIndex } from '../workspaceIndex';
import { diskIO } from '../workspaceFiles';

export function isCrossFilePath(path: string): boolean {
  return crossFileKind(pathToFileURL(path).href) !== undefined;
}

export class CliCrossFiles {
  private constructor(private readonly index: WorkspaceIndex) {}

  /** An index of the given Compose/Bake/workflow files (the HCL grammar loaded first). */
  static async of(paths: readonly string[]): Promise<CliCrossFiles> {
    const hcl = await loadHclParser((e) => process.stderr.write(`dockerfile-stages: Bake HCL files not read: ${(e as Error).message}\n`));
    const index = new WorkspaceIndex(diskIO, () => hcl);
    for (const p of paths) index.add(pathToFileURL(p).href);
    return new CliCrossFiles(index);
  }

  /** Diagnostics of one Compose/Bake/workflow file, with the configured severities ('off' drops them). */
  diagnostics(path: string, settings: Settings): Diagnostic[] {
    if (!settings.crossFile.enabled) return [];
    const uri = pathToFileURL(path).href;
    return crossFileDiagnostics(uri, this.index.usesOfProject(uri), (u) => this.index.dockerfileFromDisk(u), settings.rules);
  }

  /** Stages of the Dockerfile that these files build as targets. */
  targetedStages(model: StageModel): number[] {
    return [...buildUsersByStage(model, this.index.usesOfDockerfile(model.uri)).keys()];
  }
}
