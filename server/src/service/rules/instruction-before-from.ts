/**
 * instruction-before-from: an instruction other than ARG before the first FROM (`RUN …`,
 * `COPY --from=0 …`): there is no stage to run it in, and the build fails ("no build stage in
 * current context").
 */
import { KNOWN_INSTRUCTIONS } from '../facts/buildkitSyntax';
import type { Rule } from './types';

export const instructionBeforeFrom: Rule = {
  id: 'instruction-before-from',
  defaultSeverity: 'error',
  description: 'An instruction other than ARG before the first FROM (the build fails).',
  messages: {
    beforeFrom: '{keyword} before the first FROM: only ARG may come before it, there is no stage to run this in and the build fails.',
  },
  check({ model }, report) {
    for (const instruction of model.preamble) {
      const keyword = instruction.getKeyword();
      if (keyword === 'ARG' || !KNOWN_INSTRUCTIONS.has(keyword)) continue;
      report({ range: instruction.getInstructionRange(), messageId: 'beforeFrom', data: { keyword } });
    }
  },
};
