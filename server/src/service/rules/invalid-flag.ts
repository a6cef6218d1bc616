/**
 * invalid-flag: a `--flag` the instruction does not take (BuildKit reads leading `--words` of every
 * instruction as flags), given twice, missing its value (`COPY --from a b`), or a boolean flag
 * with a value other than true/false. The build fails to parse the Dockerfile. `COPY --from= …`
 * (an empty value) is accepted: it copies from the build context.
 */
import { allInstructions, wordsOf } from '../facts/allInstructions';
import { INSTRUCTION_FLAGS, KNOWN_INSTRUCTIONS } from '../facts/buildkitSyntax';
import { closeNames } from '../facts/closeNames';
import type { Rule } from './types';

export const invalidFlag: Rule = {
  id: 'invalid-flag',
  defaultSeverity: 'error',
  description: 'A flag the instruction does not accept, or one given wrongly (the build fails).',
  messages: {
    unknown: "{keyword} has no flag '--{flag}'{hint}: the build fails.",
    duplicate: "'--{flag}' is given more than once: the build fails.",
    missingValue: "'--{flag}' needs a value ('--{flag}=…'): the build fails.",
    notBoolean: "'--{flag}' takes true or false, not '{value}': the build fails.",
  },
  check({ model }, report) {
    for (const instruction of allInstructions(model)) {
      const keyword = instruction.getKeyword();
      if (!KNOWN_INSTRUCTIONS.has(keyword)) continue;
      const specs = INSTRUCTION_FLAGS[keyword] ?? {};
      const seen = new Set<string>();
      for (const flag of wordsOf(instruction).flags) {
        const spec = Object.prototype.hasOwnProperty.call(specs, flag.name) ? specs[flag.name] : undefined;
        if (!spec) {
          const [close] = closeNames(flag.name, Object.keys(specs), 1);
          report({ range: flag.range, messageId: 'unknown', data: { keyword, flag: flag.name, hint: close ? ` (did you mean '--${close}'?)` : '' } });
        } else if (seen.has(flag.name) && !spec.repeatable) {
          report({ range: flag.range, messageId: 'duplicate', data: { flag: flag.name } });
        } else if (spec.boolean && flag.value !== undefined && !/^(true|false)$/i.test(flag.value)) {
          report({ range: flag.range, messageId: 'notBoolean', data: { flag: flag.name, value: flag.value } });
        } else if (!spec.boolean && flag.value === undefined) {
          report({ range: flag.range, messageId: 'missingValue', data: { flag: flag.name } });
        }
        seen.add(flag.name);
      }
    }
  },
};
