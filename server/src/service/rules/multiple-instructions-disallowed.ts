/**
 * multiple-instructions-disallowed (BuildKit MultipleInstructionsDisallowed): a stage with more than
 * one CMD, ENTRYPOINT or HEALTHCHECK. Only the last one takes effect; each earlier one is reported.
 */
import type { Instruction } from 'dockerfile-ast';
import type { Rule } from './types';

const ONCE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

export const multipleInstructionsDisallowed: Rule = {
  id: 'multiple-instructions-disallowed',
  defaultSeverity: 'warning',
  description: 'A CMD, ENTRYPOINT or HEALTHCHECK that a later one in the same stage overrides.',
  buildkitCheck: 'MultipleInstructionsDisallowed',
  messages: {
    overridden: 'This {keyword} has no effect: the {keyword} on line {line} in the same stage replaces it (only the last one is used).',
  },
  check({ model }, report) {
    for (const stage of model.stages) {
      const previous = new Map<string, Instruction>();
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (!ONCE.has(keyword)) continue;
        const earlier = previous.get(keyword);
        if (earlier) {
          report({
            range: earlier.getInstructionRange(),
            messageId: 'overridden',
            data: { keyword, line: instruction.getRange().start.line + 1 },
            unnecessary: true,
          });
        }
        previous.set(keyword, instruction);
      }
    }
  },
};
