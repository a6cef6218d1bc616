/** stage-index-out-of-range: `COPY --from=N` where no stage N exists (BuildKit: "invalid stage index"). */
import type { Rule } from './types';

export const stageIndexOutOfRange: Rule = {
  id: 'stage-index-out-of-range',
  defaultSeverity: 'error',
  description: 'COPY --from=N with no stage N before it.',
  messages: {
    noEarlierStage:
      `--from={value}: there is no stage {value} (this Dockerfile has {count}, there is no earlier stage); BuildKit fails with "invalid stage index". Refer to an earlier stage by name.`,
    onlyZero:
      `--from={value}: there is no stage {value} (this Dockerfile has {count}, only 0 is valid here); BuildKit fails with "invalid stage index". Refer to an earlier stage by name.`,
    outOfRange:
      `--from={value}: there is no stage {value} (this Dockerfile has {count}, valid indexes here are 0–{last}); BuildKit fails with "invalid stage index". Refer to an earlier stage by name.`,
  },
  check({ model }, report) {
    for (const r of model.references) {
      const negative = r.kind === 'copy-from' && r.resolution.kind === 'image' && /^-[0-9]+$/.test(r.value);
      if (r.resolution.kind !== 'index-out-of-range' && !negative) continue;
      const earlier = r.inStage;
      const count = `${model.stages.length} stage${model.stages.length === 1 ? '' : 's'}`;
      const messageId = earlier === 0 ? 'noEarlierStage' : earlier === 1 ? 'onlyZero' : 'outOfRange';
      report({ range: r.range, messageId, data: { value: r.value, count, last: earlier - 1 } });
    }
  },
};
