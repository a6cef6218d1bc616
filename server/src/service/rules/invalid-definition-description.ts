/**
 * invalid-definition-description (BuildKit InvalidDefinitionDescription, experimental there, so
 * off by default here too; `# check=experimental=InvalidDefinitionDescription` turns it on): the
 * comment right above a named FROM or an ARG is read as its description and should start with
 * the stage's or ARG's name (`# builder compiles the app`). BuildKit takes the comment lines
 * since the previous instruction (blank lines do not end the block; an empty `#` does).
 */
import { prevComments } from '../facts/prevComments';
import { declaredVariables } from '../facts/argScope';
import type { Rule } from './types';

export const invalidDefinitionDescription: Rule = {
  id: 'invalid-definition-description',
  defaultSeverity: 'off',
  description: "The comment above a named stage or an ARG does not start with its name.",
  buildkitCheck: 'InvalidDefinitionDescription',
  experimental: true,
  messages: {
    description: "The comment above this {keyword} is read as its description and should start with its name ('# {name} <description>'); if it is no description, separate it with an empty '#' line.",
  },
  check({ model }, report) {
    for (const [instruction, comments] of prevComments(model)) {
      if (comments.length === 0) continue;
      const keyword = instruction.getKeyword();
      let names: string[] = [];
      if (keyword === 'FROM') {
        const stage = model.stages.find((s) => s.from === instruction);
        if (stage?.normalizedName) names = [stage.normalizedName];
      } else if (keyword === 'ARG') names = declaredVariables(instruction).map((d) => d.name);
      if (names.length === 0) continue;
      const first = comments[comments.length - 1].split(' ')[0];
      if (names.includes(first)) continue;
      report({ range: instruction.getInstructionRange(), messageId: 'description', data: { keyword, name: names.length > 1 ? '<arg_key>' : names[0] } });
    }
  },
};
