/**
 * copy-context-before-deps: `COPY . …` before the dependency install of the same stage (npm ci,
 * pip install -r, go mod download, cargo build, …), with no install before it in the stage or its
 * FROM chain: every source change invalidates the install layer.
 */
import type { Instruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../model';
import { moveManifestsBeforeCopy } from '../refactors/moveManifestsBeforeCopy';
import { ancestorsOf } from '../facts/stageState';
import { dependencyInstall } from '../facts/installs';
import { runCommands } from '../facts/shellCommands';
import { wholeContextSource } from '../facts/contextCopies';
import { asQuickFix, dataNumber } from './support/fixes';
import type { Rule } from './types';

function installIn(model: StageModel, instruction: Instruction): string | undefined {
  if (instruction.getKeyword() !== 'RUN') return undefined;
  for (const command of runCommands(instruction, model.escapeChar, '')) {
    const install = dependencyInstall(command);
    if (install) return install;
  }
  return undefined;
}

function installedBefore(model: StageModel, stage: Stage): boolean {
  return ancestorsOf(model, stage).some((s) => s.instructions.some((i) => installIn(model, i) !== undefined));
}

export const copyContextBeforeDeps: Rule = {
  id: 'copy-context-before-deps',
  defaultSeverity: 'information',
  description: 'COPY . before the dependency install: any source change re-runs the install.',
  messages: {
    beforeInstall:
      "COPY . copies the whole build context before '{install}' (line {line}): any source change re-runs the dependency install. Copy the dependency manifests first, install, then copy the rest.",
  },
  check({ model }, report) {
    for (const stage of model.stages) {
      let copy: { range: Range; instruction: Instruction } | undefined;
      for (const instruction of stage.instructions) {
        const install = installIn(model, instruction);
        if (install && !copy) break;
        if (install && copy) {
          // Asked only here: walking every stage's FROM chain up front made a long chain quadratic.
          if (installedBefore(model, stage)) break;
          report({
            range: copy.range,
            messageId: 'beforeInstall',
            related: [{ range: instruction.getRange(), message: `'${install}' runs here.` }],
            data: { stage: stage.index, install, line: instruction.getRange().start.line + 1 },
          });
          break;
        }
        const source = copy ? undefined : wholeContextSource(instruction);
        if (source) copy = { range: source, instruction };
      }
    }
  },
  fix({ model, files }, diagnostic) {
    const index = dataNumber(diagnostic, 'stage');
    if (index === undefined || !model.stages[index]) return [];
    const fix = asQuickFix(moveManifestsBeforeCopy(model, index, files?.context), diagnostic, 'Copy the dependency manifests first');
    return fix ? [fix] : [];
  },
};
