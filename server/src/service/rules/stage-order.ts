/**
 * stage-order: a reference to the current stage or a later one. BuildKit fails on a reference to the
 * current stage ("circular dependency"); a COPY --from / mount of a later stage does not see that
 * stage's work; FROM <later stage> pulls an image of that name instead.
 */
import { StageRef, stageRef } from './support/labels';
import type { Rule } from './types';

export const stageOrder: Rule = {
  id: 'stage-order',
  defaultSeverity: 'error',
  description: 'A reference to the current stage or to a stage defined later in the file.',
  check({ model }, report) {
    for (const r of model.references) {
      if (r.resolution.kind !== 'forward') continue;
      const target = model.stages[r.resolution.stage];
      const line = target.fromRange.start.line + 1;
      const related = [{ range: target.nameRange ?? target.fromKeywordRange, message: `${StageRef(target)} is defined here.` }];
      let message: string;
      if (r.kind === 'from') {
        message = `FROM only sees earlier stages: ${stageRef(target)} is defined below (line ${line}), so BuildKit pulls an image named '${r.value}' instead. Move ${stageRef(target)} above this one.`;
      } else if (target.index === r.inStage) {
        message = `${StageRef(target)} cannot use itself: BuildKit fails with "circular dependency". Use an earlier stage.`;
      } else {
        message = `${StageRef(target)} is defined after this one (line ${line}): a stage can only use earlier stages, and BuildKit does not give this step that stage's files. Move ${stageRef(target)} above this one.`;
      }
      report({ range: r.range, message, related, data: { stage: target.index } });
    }
  },
};
