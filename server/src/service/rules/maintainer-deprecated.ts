/** maintainer-deprecated (BuildKit MaintainerDeprecated): MAINTAINER is deprecated; a label says who maintains the image. */
import type { Instruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import { dataString, quickFix } from './support/fixes';
import type { Rule } from './types';

export const maintainerDeprecated: Rule = {
  id: 'maintainer-deprecated',
  defaultSeverity: 'warning',
  description: 'The deprecated MAINTAINER instruction.',
  buildkitCheck: 'MaintainerDeprecated',
  messages: {
    deprecated: "MAINTAINER is deprecated: use 'LABEL org.opencontainers.image.authors=…' instead.",
  },
  check({ model }, report) {
    const all: Instruction[] = [...model.preamble, ...model.stages.flatMap((s) => s.instructions)];
    for (const instruction of all) {
      if (instruction.getKeyword() !== 'MAINTAINER') continue;
      const author = instruction.getArgumentsContent() ?? '';
      report({ range: instruction.getInstructionRange(), messageId: 'deprecated', data: { author, instruction: instruction.getRange() } });
    }
  },
  fix({ model }, diagnostic) {
    const author = dataString(diagnostic, 'author');
    const range = (diagnostic.data as { instruction?: Range } | undefined)?.instruction;
    if (author === undefined || !range || range.start.line !== range.end.line) return [];
    const keyword = model.document.getText(diagnostic.range);
    const label = keyword === keyword.toLowerCase() ? 'label' : 'LABEL';
    return [quickFix(model, diagnostic, 'Replace with an authors label', [{ range, newText: `${label} org.opencontainers.image.authors=${JSON.stringify(author)}` }], true)];
  },
};
