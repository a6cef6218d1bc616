/**
 * no-empty-continuation (BuildKit NoEmptyContinuation): an empty line inside an instruction continued
 * with the escape character. BuildKit warns (it will become an error); comment lines there are fine.
 * Reported over the empty line(s) through the end of the instruction (BuildKit points at the end).
 * A file that ends right after a trailing escape has no empty line: nothing to report.
 */
import type { Instruction } from 'dockerfile-ast';
import type { Rule } from './types';
import { allInstructions } from '../facts/allInstructions';
import { documentLines } from '../facts/documentLines';

export const noEmptyContinuation: Rule = {
  id: 'no-empty-continuation',
  defaultSeverity: 'warning',
  description: 'An empty line inside a continued instruction.',
  buildkitCheck: 'NoEmptyContinuation',
  messages: {
    empty: 'Empty line inside a continued instruction: BuildKit will treat this as an error in a future release. Remove the empty line (or make it a comment).',
  },
  check({ model }, report) {
    const lines = documentLines(model);
    // The empty string after a final line break is no line to BuildKit's scanner.
    const count = lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
    const esc = model.escapeChar === '`' ? '`' : '\\\\';
    const continued = new RegExp(`${esc}[ \\t]*$`);
    const isBlank = (l: string) => /^[ \t]*$/.test(l);
    const isComment = (l: string) => /^[ \t]*#/.test(l);
    // Each logical line is read once, as BuildKit's scanner does (linear on any input).
    let next = 0;
    for (const instruction of allInstructions(model)) {
      let line = (instruction as Instruction).getRange().start.line;
      if (line < next || !continued.test(lines[line] ?? '')) continue;
      let firstEmpty: number | undefined;
      while (++line < count) {
        const l = lines[line];
        if (isComment(l)) continue;
        if (isBlank(l)) {
          firstEmpty ??= line;
          continue;
        }
        if (!continued.test(l)) break;
      }
      const last = Math.min(line, count - 1);
      next = last + 1;
      if (firstEmpty !== undefined) {
        report({ range: { start: { line: firstEmpty, character: 0 }, end: { line: last, character: (lines[last] ?? '').length } }, messageId: 'empty' });
      }
    }
  },
};
