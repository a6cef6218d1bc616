/**
 * workdir-relative-path (BuildKit WorkdirRelativePath): the first WORKDIR of a stage is a relative
 * path, so it depends on the base image's working directory. Later WORKDIRs, and any after an
 * absolute one, are not reported (BuildKit tracks whether the stage set one itself).
 */
import type { Rule } from './types';

/**
 * BuildKit's test for the build's OS (after variable expansion): '/' on Linux. A drive path
 * (`C:/app`) is absolute on Windows, and only a Windows image is built with one, so it counts.
 */
function isAbsolute(path: string, windows: boolean): boolean {
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) return true;
  return windows && path.startsWith('\\');
}

export const workdirRelativePath: Rule = {
  id: 'workdir-relative-path',
  defaultSeverity: 'warning',
  description: "A stage's first WORKDIR is a relative path.",
  buildkitCheck: 'WorkdirRelativePath',
  messages: {
    relative: "Relative WORKDIR '{path}' depends on the base image's working directory, which can change: use an absolute path.",
  },
  check({ model }, report) {
    const windows = model.escapeChar === '`';
    const set: boolean[] = [];
    for (const stage of model.stages) {
      const parent = stage.fromReference?.resolution.kind === 'stage' ? stage.fromReference.resolution.stage : undefined;
      let workdirSet = parent !== undefined ? set[parent] ?? false : false;
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() !== 'WORKDIR') continue;
        const args = instruction.getArguments();
        const path = args.map((a) => a.getValue()).join(' ');
        const unquoted = path.replace(/^(["'])(.*)\1$/, '$2');
        if (!workdirSet && args.length > 0 && !unquoted.startsWith('$') && !isAbsolute(unquoted, windows)) {
          report({ range: { start: args[0].getRange().start, end: args[args.length - 1].getRange().end }, messageId: 'relative', data: { path: unquoted } });
        }
        workdirSet = true;
      }
      set[stage.index] = workdirSet;
    }
  },
};
