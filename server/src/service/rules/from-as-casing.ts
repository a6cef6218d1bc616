/** from-as-casing: `FROM … as x` / `from … AS x`: the keywords' casing differs (BuildKit's FromAsCasing). */
import type { Stage, StageModel } from '../model';
import { quickFix } from './support/fixes';
import type { Rule } from './types';

function expectedAs(model: StageModel, stage: Stage): string | undefined {
  if (!stage.asRange) return undefined;
  const from = model.document.getText(stage.fromKeywordRange);
  const as = model.document.getText(stage.asRange);
  if (from === from.toUpperCase() && as !== 'AS') return 'AS';
  if (from === from.toLowerCase() && as !== 'as') return 'as';
  return undefined;
}

export const fromAsCasing: Rule = {
  id: 'from-as-casing',
  defaultSeverity: 'warning',
  description: "The 'AS' keyword's casing does not match the 'FROM' keyword's.",
  messages: {
    mismatch:
      "'{written}' and '{from}' keywords' casing do not match: write '{expected}'.",
  },
  buildkitCheck: 'FromAsCasing',
  safeFix: true,
  check({ model }, report) {
    for (const stage of model.stages) {
      const expected = expectedAs(model, stage);
      if (!expected || !stage.asRange) continue;
      const written = model.document.getText(stage.asRange);
      const from = model.document.getText(stage.fromKeywordRange);
      report({
        range: stage.asRange,
        messageId: 'mismatch',
        data: { written, from, expected },
      });
    }
  },
  fix({ model }, diagnostic) {
    const stage = model.stages.find((s) => s.asRange && s.asRange.start.line === diagnostic.range.start.line && s.asRange.start.character === diagnostic.range.start.character);
    const expected = stage && expectedAs(model, stage);
    return stage?.asRange && expected ? [quickFix(model, diagnostic, `Change to '${expected}'`, [{ range: stage.asRange, newText: expected }], true)] : [];
  },
};
