/**
 * missing-arguments: an instruction without the arguments BuildKit's parser requires (`COPY src`
 * with no destination, a bare `WORKDIR`, `ENV NAME` with no value, `FROM image AS`, `SHELL sh`
 * not in JSON form, `HEALTHCHECK CMD` with no command). The build fails to parse the Dockerfile.
 */
import type { Env, Instruction } from 'dockerfile-ast';
import { allInstructions, wordsOf } from '../facts/allInstructions';
import { ARGUMENT_COUNTS, KNOWN_INSTRUCTIONS } from '../facts/buildkitSyntax';
import { isJsonForm } from '../facts/instructionWords';
import type { StageModel } from '../model';
import type { Rule } from './types';

type Problem = { messageId: string; data?: Record<string, unknown> };

function problemOf(model: StageModel, instruction: Instruction): Problem | undefined {
  const keyword = instruction.getKeyword();
  if (!KNOWN_INSTRUCTIONS.has(keyword)) return undefined;
  const { args } = wordsOf(instruction);
  const count = ARGUMENT_COUNTS[keyword];
  if (count && args.length < count.min) {
    if (keyword === 'COPY' || keyword === 'ADD') return args.length === 1 ? { messageId: 'noDestination', data: { keyword } } : { messageId: 'atLeast', data: { keyword, count: 'two arguments' } };
    return { messageId: count.exactlyOne ? 'exactlyOne' : 'atLeast', data: { keyword, count: 'one argument' } };
  }
  switch (keyword) {
    case 'FROM': {
      const ok = args.length === 1 || (args.length === 3 && args[1].getValue().toLowerCase() === 'as');
      return ok ? undefined : { messageId: 'fromArguments' };
    }
    case 'ENV':
    case 'LABEL': {
      const properties = (instruction as Env).getProperties();
      if (properties.length === 1 && properties[0].getAssignmentOperator() === null && properties[0].getValue() === null) return { messageId: 'twoArguments', data: { keyword } };
      return undefined;
    }
    case 'SHELL':
      return isJsonForm(instruction) ? undefined : { messageId: 'shellJson' };
    case 'HEALTHCHECK': {
      const type = args[0].getValue().toUpperCase();
      if (type === 'NONE') return undefined;
      if (type !== 'CMD') return { messageId: 'healthcheckType', data: { type: args[0].getValue() } };
      return args.length < 2 ? { messageId: 'healthcheckCommand' } : undefined;
    }
  }
  return undefined;
}

export const missingArguments: Rule = {
  id: 'missing-arguments',
  defaultSeverity: 'error',
  description: 'An instruction without the arguments BuildKit requires (the build fails).',
  messages: {
    atLeast: '{keyword} requires at least {count}: the build fails.',
    exactlyOne: '{keyword} requires exactly one argument: the build fails.',
    noDestination: '{keyword} needs a source and a destination; only one argument is given: the build fails.',
    fromArguments: "FROM takes an image, optionally followed by 'AS <name>': the build fails.",
    twoArguments: "{keyword} needs a value ('{keyword} name=value'): the build fails.",
    shellJson: 'SHELL must be written in JSON form (SHELL ["executable", "parameters"]): the build fails.',
    healthcheckType: "HEALTHCHECK takes 'CMD <command>' or 'NONE', not '{type}': the build fails.",
    healthcheckCommand: 'HEALTHCHECK CMD needs a command: the build fails.',
  },
  check({ model }, report) {
    for (const instruction of allInstructions(model)) {
      const problem = problemOf(model, instruction);
      if (problem) report({ range: instruction.getRange(), messageId: problem.messageId, data: problem.data });
    }
  },
};
