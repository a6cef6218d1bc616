/**
 * copy-ignored-file (BuildKit CopyIgnoredFile): COPY or ADD of a build-context path that the
 * .dockerignore excludes — the file is not sent to the builder, so the copy fails or copies less
 * than meant. As in BuildKit: only when there is a .dockerignore without `!` exceptions (those are
 * too hard to judge statically), `.` and `/` only when a pattern excludes everything, sources with
 * variables, URLs and heredocs are not checked, nor COPY --from.
 */
import type { Heredoc, Instruction } from 'dockerfile-ast';
import { cleanPath, isIgnored, parseDockerignore, type IgnoreMatcher } from '../facts/dockerignore';
import { instructionWords, isJsonForm } from '../facts/instructionWords';
import type { Rule } from './types';

function sources(instruction: Instruction): { path: string; range: import('vscode-languageserver-types').Range }[] {
  const { args, flags } = instructionWords(instruction);
  if (flags.some((f) => f.name === 'from') || args.length < 2) return [];
  const heredocs = new Set(((instruction as Instruction & { getHeredocs?(): Heredoc[] }).getHeredocs?.() ?? []).map((h) => h.getName()));
  if (isJsonForm(instruction)) {
    try {
      const list = JSON.parse(instruction.getArgumentsContent() ?? '[]') as string[];
      const range = instruction.getArgumentsRange() ?? instruction.getRange();
      return list.slice(0, -1).map((path) => ({ path, range }));
    } catch {
      return [];
    }
  }
  return args
    .slice(0, -1)
    .filter((a) => !a.getValue().startsWith('<<') && !heredocs.has(a.getValue()))
    .map((a) => ({ path: a.getValue().replace(/^(["'])(.*)\1$/, '$2'), range: a.getRange() }));
}

function rootIgnored(matcher: IgnoreMatcher): boolean {
  return matcher.patterns.some((p) => !p.exclusion && (p.text === '*' || p.text === '**' || p.text === '**/*'));
}

export const copyIgnoredFile: Rule = {
  id: 'copy-ignored-file',
  defaultSeverity: 'warning',
  description: 'COPY or ADD of a path the .dockerignore excludes.',
  buildkitCheck: 'CopyIgnoredFile',
  messages: {
    ignored: "'{path}' is excluded by the .dockerignore, so it is not in the build context: {keyword} will not find it. Remove it from the .dockerignore or from the {keyword}.",
  },
  check({ model, files }, report) {
    if (files.dockerignore === undefined) return;
    const matcher = parseDockerignore(files.dockerignore);
    if (matcher.patterns.length === 0 || matcher.hasExclusions) return;
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword !== 'COPY' && keyword !== 'ADD') continue;
        for (const source of sources(instruction)) {
          if (source.path.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(source.path) || source.path.startsWith('git@')) continue;
          let path = cleanPath(source.path.replace(/\\/g, '/'));
          if (path.startsWith('/') && path !== '/') path = path.slice(1);
          if ((path === '.' || path === '/') && !rootIgnored(matcher)) continue;
          if (!isIgnored(matcher, path)) continue;
          report({ range: source.range, messageId: 'ignored', data: { path, keyword } });
        }
      }
    }
  },
};
