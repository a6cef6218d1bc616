/**
 * unreachable-stage: a stage the build target does not need (default target: the last stage;
 * `dockerfileStages.target` or the per-file pick). In a multi-target file such stages are usually
 * meant for `--target` (lint, test, release…), so by default they are only faded (a Hint with
 * DiagnosticTag.Unnecessary); a configured severity turns them into real problems.
 */
import { stageLabel, type Stage, type StageModel } from '../model';
import { StageRef, stageRef } from './support/labels';
import { dataNumber } from './support/fixes';
import { buildTarget, neededStages, possibleDependencies } from './support/target';
import { removeStage } from '../refactors/removeStage';
import { asQuickFix } from './support/fixes';
import type { Rule } from './types';


/** Per stage: the stages that (may) depend on it. */
function usersOf(model: StageModel, deps: number[][]): Stage[][] {
  const users: Stage[][] = model.stages.map(() => []);
  for (const stage of model.stages) for (const d of deps[stage.index]) users[d]?.push(stage);
  return users;
}

export const unreachableStage: Rule = {
  id: 'unreachable-stage',
  defaultSeverity: 'hint',
  description: 'A stage the build target does not need (faded by default: it may be a --target of its own).',
  check({ model, settings, files }, report) {
    const target = buildTarget(model, settings);
    if (!target || model.stages.length < 2) return;
    const deps = possibleDependencies(model);
    const needed = neededStages(model, target.index, deps);
    // A stage Compose, Bake or CI builds as its target is a target too: it and what it needs are used.
    for (const other of files.targetedStages ?? []) if (!needed.has(other)) for (const s of neededStages(model, other, deps)) needed.add(s);
    const users = usersOf(model, deps);
    const how = settings.target.trim() === '' ? `the default build target (the last stage, ${stageRef(target)})` : `the build target, ${stageRef(target)}`;
    for (const stage of model.stages) {
      if (needed.has(stage.index)) continue;
      const usedBy = users[stage.index];
      let message: string;
      if (usedBy.length > 0) message = `${StageRef(stage)} is not needed by ${how}: only ${usedBy.map(stageRef).join(', ')} use${usedBy.length === 1 ? 's' : ''} it.`;
      else if (stage.name) message = `${StageRef(stage)} is not needed by ${how}: nothing uses it. Build it with --target ${stage.name}, or remove it.`;
      else message = `${StageRef(stage)} is not needed by ${how}: nothing uses it, and without a name it cannot be built with --target. Remove it, or name it.`;
      report({
        range: stage.fromRange,
        message,
        unnecessary: true,
        data: { stage: stage.index, label: stageLabel(stage) },
      });
    }
  },
  fix({ model }, diagnostic) {
    const index = dataNumber(diagnostic, 'stage');
    if (index === undefined || !model.stages[index]) return [];
    const fix = asQuickFix(removeStage(model, index), diagnostic, `Remove ${stageRef(model.stages[index])}`);
    return fix ? [fix] : [];
  },
};
