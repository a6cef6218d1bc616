/** stage-index-out-of-range: `COPY --from=N` where no stage N exists (BuildKit: "invalid stage index"). */
import type { Rule } from './types';

export const stageIndexOutOfRange: Rule = {
  id: 'stage-index-out-of-range',
  defaultSeverity: 'error',
  description: 'COPY --from=N with no stage N before it.',
  check({ model }, report) {
    for (const r of model.references) {
      const negative = r.kind === 'copy-from' && r.resolution.kind === 'image' && /^-[0-9]+$/.test(r.value);
      if (r.resolution.kind !== 'index-out-of-range' && !negative) continue;
      const earlier = r.inStage;
      const valid = earlier === 0 ? 'there is no earlier stage' : earlier === 1 ? 'only 0 is valid here' : `valid indexes here are 0–${earlier - 1}`;
      report({
        range: r.range,
        message: `--from=${r.value}: there is no stage ${r.value} (this Dockerfile has ${model.stages.length} stage${model.stages.length === 1 ? '' : 's'}, ${valid}); BuildKit fails with "invalid stage index". Refer to an earlier stage by name.`,
      });
    }
  },
};
