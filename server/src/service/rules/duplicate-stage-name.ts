/**
 * duplicate-stage-name: two stages with the same name (case-insensitive, as BuildKit compares them).
 * BuildKit accepts it, and the last stage of that name wins for every --from: the others become
 * unreachable by name, whatever the author meant.
 */
import type { Range } from 'vscode-languageserver-types';
import { freshStageName } from '../stageNames';
import { dataString } from './support/fixes';
import { renameFix, stageNamedAt } from './support/renames';
import type { Rule } from './types';

export const duplicateStageName: Rule = {
  id: 'duplicate-stage-name',
  defaultSeverity: 'error',
  description: 'Two or more stages share a name (compared case-insensitively).',
  buildkitCheck: 'DuplicateStageName',
  messages: {
    duplicate:
      "Stage name '{name}' is also used on {lines} (names are case-insensitive): BuildKit keeps only the last stage of that name for --from, so references become ambiguous. Give each stage its own name.",
  },
  check({ model }, report) {
    const taken = new Set(model.stagesByName.keys());
    for (const [name, stages] of model.stagesByName) {
      if (stages.length < 2) continue;
      for (const stage of stages) {
        const others = stages.filter((s) => s !== stage);
        const lines = `line${others.length > 1 ? 's' : ''} ${others.map((s) => s.fromRange.start.line + 1).join(', ')}`;
        const rename = freshStageName(name, taken);
        report({
          range: stage.nameRange as Range,
          messageId: 'duplicate',
          related: others.map((s) => ({ range: s.nameRange as Range, message: `Stage '${s.name}' is also defined here.` })),
          data: { name: stage.name ?? '', lines, rename },
        });
      }
    }
  },
  fix({ model }, diagnostic) {
    const stage = stageNamedAt(model, diagnostic);
    const rename = dataString(diagnostic, 'rename');
    return stage && rename ? renameFix(model, stage, rename, diagnostic) : [];
  },
};
