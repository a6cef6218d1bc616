/** stage-name-casing: a stage name with capitals. BuildKit stores it lower-cased and warns (StageNameCasing). */
import { STAGE_NAME_PATTERN } from '../stageNames';
import { renameFix, stageNamedAt } from './support/renames';
import type { Rule } from './types';

export const stageNameCasing: Rule = {
  id: 'stage-name-casing',
  defaultSeverity: 'warning',
  description: 'A stage name with uppercase letters.',
  buildkitCheck: 'StageNameCasing',
  safeFix: true,
  check({ model }, report) {
    for (const stage of model.stages) {
      const name = stage.name;
      if (!name || !stage.nameRange || name === name.toLowerCase() || !STAGE_NAME_PATTERN.test(name.toLowerCase())) continue;
      report({
        range: stage.nameRange,
        message: `Stage name '${name}' should be lowercase: BuildKit stores it as '${name.toLowerCase()}', and a 'FROM ${name}' would not find it. Rename it to '${name.toLowerCase()}'.`,
      });
    }
  },
  fix({ model }, diagnostic) {
    const stage = stageNamedAt(model, diagnostic);
    return stage?.name ? renameFix(model, stage, stage.name.toLowerCase(), diagnostic, true) : [];
  },
};
