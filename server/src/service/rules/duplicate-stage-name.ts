/**
 * duplicate-stage-name (BuildKit DuplicateStageName): a stage named like an earlier one
 * (case-insensitive, as BuildKit compares them). The build succeeds and the last stage of that name
 * wins for every --from, so, like BuildKit, each later declaration is warned about, not the first.
 */
import type { Range } from 'vscode-languageserver-types';
import { freshStageName } from '../stageNames';
import { dataString } from './support/fixes';
import { renameFix, stageNamedAt } from './support/renames';
import type { Rule } from './types';

export const duplicateStageName: Rule = {
  id: 'duplicate-stage-name',
  defaultSeverity: 'warning',
  description: 'A stage named like an earlier one (compared case-insensitively).',
  buildkitCheck: 'DuplicateStageName',
  messages: {
    duplicate:
      "Stage name '{name}' is already used on {lines} (names are case-insensitive): from here on BuildKit resolves '{name}' to the last stage of that name, so references become ambiguous. Give each stage its own name.",
  },
  check({ model }, report) {
    const taken = new Set(model.stagesByName.keys());
    for (const [name, stages] of model.stagesByName) {
      if (stages.length < 2) continue;
      for (const stage of stages.slice(1)) {
        const others = stages.filter((s) => s.index < stage.index);
        const lines = `line${others.length > 1 ? 's' : ''} ${others.map((s) => s.fromRange.start.line + 1).join(', ')}`;
        const rename = freshStageName(name, taken);
        report({
          range: stage.nameRange as Range,
          messageId: 'duplicate',
          related: others.map((s) => ({ range: s.nameRange as Range, message: `Stage '${s.name}' is first defined here.` })),
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
