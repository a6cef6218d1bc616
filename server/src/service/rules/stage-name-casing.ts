/**
 * stage-name-casing: a stage name with capitals. BuildKit stores it lower-cased and warns
 * (StageNameCasing). Also a `FROM <Stage>` written with capitals: older BuildKit (Docker 20.10)
 * only finds the stage when the FROM spells it in lowercase, and otherwise fails to parse it as an image.
 */
import { STAGE_NAME_PATTERN } from '../stageNames';
import { dataString, quickFix } from './support/fixes';
import { renameFix, stageNamedAt } from './support/renames';
import type { Rule } from './types';

export const stageNameCasing: Rule = {
  id: 'stage-name-casing',
  defaultSeverity: 'warning',
  description: 'A stage name with uppercase letters.',
  messages: {
    definition:
      "Stage name '{name}' should be lowercase: BuildKit stores it as '{lowercase}', and a 'FROM {name}' would not find it. Rename it to '{lowercase}'.",
    reference:
      `Write the stage name in lowercase ('{lower}'): older BuildKit (as in Docker 20.10) reads 'FROM {value}' as an image name and fails ("repository name must be lowercase").`,
  },
  buildkitCheck: 'StageNameCasing',
  safeFix: true,
  check({ model }, report) {
    for (const stage of model.stages) {
      const name = stage.name;
      if (!name || !stage.nameRange || name === name.toLowerCase() || !STAGE_NAME_PATTERN.test(name.toLowerCase())) continue;
      report({
        range: stage.nameRange,
        messageId: 'definition',
        data: { name, lowercase: name.toLowerCase() },
      });
    }
    for (const r of model.references) {
      if (r.kind !== 'from' || r.resolution.kind !== 'stage' || r.resolution.viaArg || r.value === r.value.toLowerCase()) continue;
      const lower = r.value.toLowerCase();
      report({
        range: r.range,
        messageId: 'reference',
        data: { lower, value: r.value },
        // Not BuildKit's StageNameCasing (that is about the name after AS): BuildKit's check of the
        // FROM's base against the image reference rules (InvalidDefaultArgInFrom) is what fires here.
        buildkitCheck: 'InvalidDefaultArgInFrom',
      });
    }
  },
  fix({ model }, diagnostic) {
    const lower = dataString(diagnostic, 'lower');
    if (lower) return [quickFix(model, diagnostic, `Change to '${lower}'`, [{ range: diagnostic.range, newText: lower }], true)];
    const stage = stageNamedAt(model, diagnostic);
    return stage?.name ? renameFix(model, stage, stage.name.toLowerCase(), diagnostic, true) : [];
  },
};
