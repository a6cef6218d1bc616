/**
 * undefined-arg-in-from: a FROM line (image or --platform) uses a variable that no global ARG
 * declares and BuildKit does not predefine: it expands to an empty string (UndefinedArgInFrom).
 */
import type { StageModel } from '../model';
import { eolOf } from '../refactors/edits';
import { AUTOMATIC_PLATFORM_ARGS, PROXY_ARGS, globalArgNames } from '../facts/argScope';
import { closeNames } from '../facts/closeNames';
import { dataString, dataStrings, quickFix } from './support/fixes';
import { wordUses } from '../facts/varUses';
import type { Rule } from './types';

function declareAt(model: StageModel) {
  const lastGlobal = model.preamble.filter((i) => i.getKeyword() === 'ARG').pop();
  if (lastGlobal) {
    const end = lastGlobal.getRange().end;
    return { range: { start: end, end }, newText: (name: string) => `${eolOf(model)}ARG ${name}` };
  }
  const start = { line: model.stages[0].fromRange.start.line, character: 0 };
  return { range: { start, end: start }, newText: (name: string) => `ARG ${name}${eolOf(model)}` };
}

export const undefinedArgInFrom: Rule = {
  id: 'undefined-arg-in-from',
  defaultSeverity: 'warning',
  description: 'A FROM line uses a variable no global ARG declares.',
  messages: {
    undefined:
      "FROM uses '{name}', but no ARG {name} is declared before the first FROM: it expands to an empty string. Declare 'ARG {name}' before the first FROM.",
    undefinedDidYouMean:
      "FROM uses '{name}', but no ARG {name} is declared before the first FROM: it expands to an empty string. Did you mean {suggestion}?",
  },
  buildkitCheck: 'UndefinedArgInFrom',
  check({ model }, report) {
    const declared = new Set(globalArgNames(model).keys());
    for (const stage of model.stages) {
      const ranges = [stage.baseImageRange, stage.platformRange].filter((r) => !!r);
      for (const range of ranges) {
        for (const use of wordUses(model, range!)) {
          if (use.guarded || use.nested || declared.has(use.name) || AUTOMATIC_PLATFORM_ARGS.has(use.name) || PROXY_ARGS.has(use.name)) continue;
          const close = closeNames(use.name, declared, 3);
          report({
            range: use.range,
            messageId: close.length > 0 ? 'undefinedDidYouMean' : 'undefined',
            data: { name: use.name, candidates: close, suggestion: close.map((n) => `'${n}'`).join(' or ') },
          });
        }
      }
    }
  },
  fix({ model }, diagnostic) {
    const name = dataString(diagnostic, 'name');
    if (!name || model.stages.length === 0) return [];
    const written = model.document.getText(diagnostic.range);
    const fixes = dataStrings(diagnostic, 'candidates').map((candidate, i, all) =>
      quickFix(model, diagnostic, `Change to '${candidate}'`, [{ range: diagnostic.range, newText: written.replace(name, candidate) }], i === 0 && all.length === 1),
    );
    const at = declareAt(model);
    fixes.push(quickFix(model, diagnostic, `Declare 'ARG ${name}' before the first FROM`, [{ range: at.range, newText: at.newText(name) }]));
    return fixes;
  },
};
