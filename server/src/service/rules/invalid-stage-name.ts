/** invalid-stage-name: a stage name BuildKit rejects ("invalid name for build stage"). */
import { STAGE_NAME_PATTERN, freshStageName } from '../stageNames';
import { dataString } from './support/fixes';
import { renameFix, stageNamedAt } from './support/renames';
import type { Rule } from './types';

/** A valid name derived from an invalid one: lower-cased, other characters turned into '-', starting with a letter. */
export function sanitizeStageName(name: string, index: number): string {
  let n = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z]+/, '').replace(/(?<!-)-+$/, '');
  if (n === '') n = `stage-${index}`;
  return n;
}

export const invalidStageName: Rule = {
  id: 'invalid-stage-name',
  defaultSeverity: 'error',
  description: "A stage name BuildKit rejects: it must start with a letter and use only letters, digits, '-', '_' and '.'.",
  messages: {
    invalid:
      `'{name}' is not a valid stage name: BuildKit fails ("invalid name for build stage"). Use a letter first, then letters, digits, '-', '_' or '.' (e.g. '{rename}').`,
  },
  check({ model }, report) {
    const taken = new Set(model.stagesByName.keys());
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange || STAGE_NAME_PATTERN.test(stage.name.toLowerCase())) continue;
      const rename = freshStageName(sanitizeStageName(stage.name, stage.index), taken);
      taken.add(rename);
      report({
        range: stage.nameRange,
        messageId: 'invalid',
        data: { name: stage.name, rename },
      });
    }
  },
  fix({ model }, diagnostic) {
    const stage = stageNamedAt(model, diagnostic);
    const rename = dataString(diagnostic, 'rename');
    return stage && rename ? renameFix(model, stage, rename, diagnostic, true) : [];
  },
};
