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
  check({ model }, report) {
    for (const r of model.references) {
      if (r.resolution.kind !== 'stage' || r.resolution.by !== 'index') continue;
      const stage = model.stages[r.resolution.stage];
      const message = stage.name
        ? `--from=${r.value} refers to stage '${stage.name}' by position: it changes meaning when stages are added or removed above it. Use --from=${stage.name}.`
        : `--from=${r.value} refers to stage ${r.value} by position: it changes meaning when stages are added or removed above it. Name the stage (AS <name>) and use the name.`;
      report({
        range: r.range,
        message,
        related: [{ range: stage.nameRange ?? stage.fromKeywordRange, message: `Stage ${r.value} starts here.` }],
        data: { stage: stage.index },
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
