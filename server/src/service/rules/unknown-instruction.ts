/** unknown-instruction: a keyword BuildKit does not know; the build fails to parse the Dockerfile. */
import { allInstructions } from '../facts/allInstructions';
import { KNOWN_INSTRUCTIONS } from '../facts/buildkitSyntax';
import { closeNames } from '../facts/closeNames';
import { dataString, quickFix } from './support/fixes';
import type { Rule } from './types';

export const unknownInstruction: Rule = {
  id: 'unknown-instruction',
  defaultSeverity: 'error',
  description: 'An instruction keyword BuildKit does not know (the build fails).',
  messages: {
    unknown: "Unknown instruction '{keyword}': the build fails.{hint}",
  },
  check({ model }, report) {
    const suggestions = new Map<string, string | undefined>();
    for (const instruction of allInstructions(model)) {
      const keyword = instruction.getKeyword();
      if (KNOWN_INSTRUCTIONS.has(keyword)) continue;
      if (!suggestions.has(keyword)) suggestions.set(keyword, closeNames(keyword, KNOWN_INSTRUCTIONS, 1)[0]);
      const suggestion = suggestions.get(keyword);
      report({ range: instruction.getInstructionRange(), messageId: 'unknown', data: { keyword: instruction.getInstruction(), suggestion: suggestion ?? '', hint: suggestion ? ` Did you mean '${suggestion}'?` : '' } });
    }
  },
  fix({ model }, diagnostic) {
    const suggestion = dataString(diagnostic, 'suggestion');
    return suggestion ? [quickFix(model, diagnostic, `Change to '${suggestion}'`, [{ range: diagnostic.range, newText: suggestion }], true)] : [];
  },
};
