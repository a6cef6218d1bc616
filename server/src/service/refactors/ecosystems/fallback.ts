/**
 * When no ecosystem recognizes the build: copy the build's WORKDIR (or the program the image runs),
 * so the result still builds and runs the same; the COPY line is marked for the user to narrow.
 * Undefined when there is neither (copying the whole filesystem would gain nothing).
 */
import type { BuildState } from '../../facts/stageState';
import { resolvePath } from '../../facts/paths';
import type { Artifact } from './types';

export function guessArtifact(atBuild: BuildState, run: { words: readonly string[]; workdir: string }): Artifact | undefined {
  if (atBuild.workdir !== '/' && atBuild.workdir !== '') return { source: atBuild.workdir, target: atBuild.workdir, guessed: true };
  const program = run.words[0];
  if (program && (program.includes('/') || program.includes('\\'))) {
    const path = resolvePath(run.workdir, program);
    return { source: path, target: path, guessed: true };
  }
  return undefined;
}
