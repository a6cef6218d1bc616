/**
 * numeric-stage-reference: `COPY --from=N` names a stage by position, which silently changes meaning
 * when a stage is added or removed above it. Fix: name the stage and use the name everywhere.
 */
import { nameStage } from '../refactors/nameStage';
import { asQuickFix, dataNumber } from './support/fixes';
import type { Rule } from './types';

export const numericStageReference: Rule = {
  id: 'numeric-stage-reference',
  defaultSeverity: 'hint',
  description: 'COPY --from=N refers to a stage by its position instead of its name.',
  messages: {
    byPosition:
      "--from={value} refers to stage '{name}' by position: it changes meaning when stages are added or removed above it. Use --from={name}.",
    unnamedByPosition:
      '--from={value} refers to stage {value} by position: it changes meaning when stages are added or removed above it. Name the stage (AS <name>) and use the name.',
  },
  check({ model }, report) {
    for (const r of model.references) {
      if (r.resolution.kind !== 'stage' || r.resolution.by !== 'index') continue;
      const stage = model.stages[r.resolution.stage];
      report({
        range: r.range,
        messageId: stage.name ? 'byPosition' : 'unnamedByPosition',
        related: [{ range: stage.nameRange ?? stage.fromKeywordRange, message: `Stage ${r.value} starts here.` }],
        data: { stage: stage.index, value: r.value, ...(stage.name ? { name: stage.name } : {}) },
      });
    }
  },
  fix({ model }, diagnostic) {
    const index = dataNumber(diagnostic, 'stage');
    const stage = index === undefined ? undefined : model.stages[index];
    if (!stage) return [];
    const title = stage.name ? `Use the name '${stage.name}' for stage ${stage.index}` : `Name stage ${stage.index} and use the name`;
    const fix = asQuickFix(nameStage(model, stage.index), diagnostic, title);
    return fix ? [fix] : [];
  },
};
