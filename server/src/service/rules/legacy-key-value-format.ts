/**
 * legacy-key-value-format (BuildKit LegacyKeyValueFormat): `ENV key value` / `LABEL key value`, the
 * legacy form separated by whitespace; `key=value` is the form that reads unambiguously.
 */
import type { Env, Instruction } from 'dockerfile-ast';
import { quickFix } from './support/fixes';
import type { Rule } from './types';

type WithProperties = Instruction & { getProperties(): ReturnType<Env['getProperties']> };

export const legacyKeyValueFormat: Rule = {
  id: 'legacy-key-value-format',
  defaultSeverity: 'warning',
  description: "ENV or LABEL in the legacy 'key value' form.",
  buildkitCheck: 'LegacyKeyValueFormat',
  messages: {
    legacy: "Write '{keyword} {name}=…' instead of the legacy '{keyword} {name} …' form.",
  },
  check({ model }, report) {
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword !== 'ENV' && keyword !== 'LABEL') continue;
        for (const property of (instruction as WithProperties).getProperties()) {
          if (property.getAssignmentOperator() !== null || property.getValue() === null) continue;
          report({ range: instruction.getInstructionRange(), messageId: 'legacy', data: { keyword, name: property.getName() } });
        }
      }
    }
  },
  fix({ model }, diagnostic) {
    const instruction = model.dockerfile.getInstructions().find((i) => i.getInstructionRange().start.line === diagnostic.range.start.line);
    const property = instruction && (instruction as WithProperties).getProperties?.()[0];
    const nameRange = property?.getNameRange();
    const valueRange = property?.getValueRange();
    if (!property || !nameRange || !valueRange || nameRange.end.line !== valueRange.start.line) return [];
    const value = model.document.getText(valueRange);
    const quoted = /^["']/.test(value) || !/\s/.test(value) ? value : JSON.stringify(value);
    return [quickFix(model, diagnostic, `Change to '${property.getName()}=…'`, [{ range: { start: nameRange.end, end: valueRange.end }, newText: `=${quoted}` }], true)];
  },
};
