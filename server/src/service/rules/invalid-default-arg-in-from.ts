/**
 * invalid-default-arg-in-from (BuildKit InvalidDefaultArgInFrom): a FROM whose image, expanded with
 * the global ARG defaults alone (no --build-arg), is empty or no valid image reference
 * (`ARG IMAGE` then `FROM $IMAGE`; `FROM busybox:$V` with no default). A plain `docker build` fails
 * there. `FROM ""` (blank without any variable) always fails: "base name should not be blank".
 * A FROM naming a stage in capitals is left to stage-name-casing.
 */
import { defaultGlobalArgs, rejectedGlobalArgs } from '../facts/buildArgs';
import { isValidImageReference } from '../facts/imageReference';
import { expandWord } from '../facts/wordExpansion';
import { containsVariable } from '../variables';
import type { Rule } from './types';

export const invalidDefaultArgInFrom: Rule = {
  id: 'invalid-default-arg-in-from',
  defaultSeverity: 'error',
  description: 'A FROM image that is empty or invalid with the ARG defaults; a plain build fails.',
  buildkitCheck: 'InvalidDefaultArgInFrom',
  messages: {
    blank: 'The base image name is blank: the build fails ("base name should not be blank").',
    empty: "'{written}' is empty with the ARG defaults ({names} without a default): a build without --build-arg fails. Give the ARG a default value.",
    invalid: "'{written}' becomes '{value}' with the ARG defaults, which is no valid image reference: a build without --build-arg fails.",
  },
  check({ model }, report) {
    if (model.stages.length === 0) return;
    const args = defaultGlobalArgs(model);
    const rejected = rejectedGlobalArgs(model);
    for (const stage of model.stages) {
      const written = stage.baseImage;
      const range = stage.baseImageRange;
      if (!range) continue;
      const ref = stage.fromReference;
      if (ref && ref.resolution.kind === 'stage' && !ref.resolution.viaArg) continue;
      const expansion = expandWord(written, (n) => args.get(n), model.escapeChar);
      if (isValidImageReference(expansion.value)) continue;
      // BuildKit's lexer fails on the word (or an ARG default it reads) before the value is judged.
      if (expansion.unsupported || expansion.used.some((n) => rejected.has(n))) continue;
      const names = [...new Set(expansion.undefinedNames)].join(', ');
      if (!containsVariable(written) && expansion.value === '') report({ range, messageId: 'blank', data: { written } });
      else if (expansion.value === '') report({ range, messageId: 'empty', data: { written, names: names || 'an empty value' } });
      else report({ range, messageId: 'invalid', data: { written, value: expansion.value } });
    }
  },
};
