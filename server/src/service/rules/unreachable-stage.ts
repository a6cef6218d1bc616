/**
 * unreachable-stage: a stage the build target does not need (default target: the last stage;
 * `dockerfileStages.target` or the per-file pick). In a multi-target file such stages are usually
 * meant for `--target` (lint, test, release…), so by default they are only faded (a Hint with
 * DiagnosticTag.Unnecessary); a configured severity turns them into real problems.
 */
import { StageRef, stageLabel, stageRef } from '../facts/labels';
import { dataNumber } from './support/fixes';
import { buildTarget, possibleUsers } from '../facts/neededStages';
import { removeStage } from '../refactors/removeStage';
import { asQuickFix } from './support/fixes';
import type { Rule } from './types';

export const unreachableStage: Rule = {
  id: 'unreachable-stage',
  defaultSeverity: 'hint',
  description: 'A stage the build target does not need (faded by default: it may be a --target of its own).',
  messages: {
    onlyUsedBy:
      '{Stage} is not needed by {how}: only {users} it.',
    unused:
      '{Stage} is not needed by {how}: nothing uses it. Build it with --target {label}, or remove it.',
    unusedUnnamed:
      '{Stage} is not needed by {how}: nothing uses it, and without a name it cannot be built with --target. Remove it, or name it.',
  },
  check({ model, settings, analysis, files }, report) {
    const target = buildTarget(model, settings);
    if (!target || model.stages.length < 2) return;
    const needed = new Set(analysis.neededStages(target.index));
    // A stage Compose, Bake or CI builds as its target is a target too: it and what it needs are used.
    for (const other of files.targetedStages ?? []) for (const s of analysis.neededStages(other)) needed.add(s);
    const users = possibleUsers(model);
    const how = settings.target.trim() === '' ? `the default build target (the last stage, ${stageRef(target)})` : `the build target, ${stageRef(target)}`;
    for (const stage of model.stages) {
      if (needed.has(stage.index)) continue;
      const usedBy = users[stage.index];
      const messageId = usedBy.length > 0 ? 'onlyUsedBy' : stage.name ? 'unused' : 'unusedUnnamed';
      const usersText = `${usedBy.map(stageRef).join(', ')} use${usedBy.length === 1 ? 's' : ''}`;
      report({
        range: stage.fromRange,
        messageId,
        unnecessary: true,
        data: { stage: stage.index, label: stageLabel(stage), Stage: StageRef(stage), how, ...(usedBy.length > 0 ? { users: usersText } : {}) },
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
