/**
 * json-args-recommended (BuildKit JSONArgsRecommended): CMD or ENTRYPOINT in shell form while the
 * stage has set no SHELL (its own or inherited from a parent stage). The command runs under
 * `/bin/sh -c`, which does not pass signals on, so the process does not stop gracefully.
 */
import type { Rule } from './types';
import { isJsonForm } from '../facts/instructionWords';

export const jsonArgsRecommended: Rule = {
  id: 'json-args-recommended',
  defaultSeverity: 'information',
  description: 'CMD or ENTRYPOINT in shell form (no signal forwarding).',
  buildkitCheck: 'JSONArgsRecommended',
  messages: {
    shellForm: '{keyword} in shell form runs under /bin/sh -c, which does not forward signals such as SIGTERM to your process: write it in JSON form ({keyword} ["executable", "arg"]).',
  },
  check({ model }, report) {
    const shellSet: boolean[] = [];
    for (const stage of model.stages) {
      const parent = stage.fromReference?.resolution.kind === 'stage' ? stage.fromReference.resolution.stage : undefined;
      let hasShell = parent !== undefined ? shellSet[parent] ?? false : false;
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword === 'SHELL') hasShell = true;
        if ((keyword !== 'CMD' && keyword !== 'ENTRYPOINT') || hasShell || isJsonForm(instruction)) continue;
        report({ range: instruction.getInstructionRange(), messageId: 'shellForm', data: { keyword } });
      }
      shellSet[stage.index] = hasShell;
    }
  },
};
