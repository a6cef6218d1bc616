/**
 * reserved-stage-name: a stage named `scratch` or `context`. BuildKit accepts it, but the stage then
 * shadows the empty image (`FROM scratch`) or the build context (`--from=context`). BuildKit reports
 * `FROM scratch AS scratch` too, so do we.
 */
import { RESERVED_STAGE_NAMES, freshStageName } from '../stageNames';
import { dataString } from './support/fixes';
import { renameFix, stageNamedAt } from './support/renames';
import type { Rule } from './types';

export const reservedStageName: Rule = {
  id: 'reserved-stage-name',
  defaultSeverity: 'warning',
  description: "A stage named 'scratch' or 'context', names BuildKit reserves.",
  messages: {
    scratch:
      "'{name}' is a reserved name: 'FROM scratch' and '--from=scratch' after it mean this stage, not the empty image. Rename the stage.",
    context:
      "'{name}' is a reserved name: '--from=context' means this stage, not the build context. Rename the stage.",
  },
  buildkitCheck: 'ReservedStageName',
  check({ model }, report) {
    const taken = new Set(model.stagesByName.keys());
    for (const stage of model.stages) {
      const name = stage.normalizedName;
      if (!name || !stage.nameRange || !RESERVED_STAGE_NAMES.has(name)) continue;
      const rename = freshStageName(`${name}-stage`, taken);
      report({
        range: stage.nameRange,
        messageId: name === 'scratch' ? 'scratch' : 'context',
        data: { name: stage.name, rename },
      });
    }
  },
  fix({ model }, diagnostic) {
    const stage = stageNamedAt(model, diagnostic);
    const rename = dataString(diagnostic, 'rename');
    return stage && rename ? renameFix(model, stage, rename, diagnostic) : [];
  },
};
