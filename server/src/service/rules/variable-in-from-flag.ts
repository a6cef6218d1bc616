/**
 * variable-in-from-flag: `$VAR` in `COPY --from` / `RUN --mount=…,from=`. BuildKit does not expand
 * variables there: it reads `$VAR` literally as an image name and fails ("invalid reference format").
 */
import type { Arg } from 'dockerfile-ast';
import { comparePositions } from '../positions';
import type { StageModel, StageReference } from '../model';
import { dataString, quickFix } from './support/fixes';
import type { Rule } from './types';

/** The default an ARG named `name` has at `reference` (the stage's last ARG before it, else the global one). */
function argDefault(model: StageModel, reference: StageReference, name: string): string | undefined {
  let value: string | undefined;
  for (const instruction of model.stages[reference.inStage].instructions) {
    if (comparePositions(instruction.getRange().start, reference.range.start) >= 0) break;
    if (instruction.getKeyword() !== 'ARG') continue;
    for (const p of (instruction as Arg).getProperties()) {
      if (p.getName() === name) value = p.getValue() ?? model.globalArgs.find((g) => g.name === name)?.defaultValue;
    }
  }
  return value;
}

export const variableInFromFlag: Rule = {
  id: 'variable-in-from-flag',
  defaultSeverity: 'error',
  description: 'A variable in --from or from=, which BuildKit does not expand.',
  messages: {
    notExpanded:
      "BuildKit does not expand variables in {flag}: '{value}' is read literally as an image name and the build fails. Name the stage directly, or select it with 'FROM ${VAR} AS <alias>' and use the alias.",
  },
  check({ model }, report) {
    for (const r of model.references) {
      if (r.resolution.kind !== 'variable') continue;
      const flag = r.kind === 'copy-from' ? '--from' : 'from=';
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(r.value);
      const name = m?.[1] ?? m?.[2];
      const value = name ? argDefault(model, r, name) : undefined;
      const stage = value ? model.stagesByName.get(value.toLowerCase())?.find((s) => s.index < r.inStage) : undefined;
      report({
        range: r.range,
        messageId: 'notExpanded',
        data: { flag, value: r.value, ...(stage?.name ? { stage: stage.name } : {}) },
      });
    }
  },
  fix({ model }, diagnostic) {
    const stage = dataString(diagnostic, 'stage');
    return stage ? [quickFix(model, diagnostic, `Change to '${stage}' (the ARG's default)`, [{ range: diagnostic.range, newText: stage }])] : [];
  },
};
