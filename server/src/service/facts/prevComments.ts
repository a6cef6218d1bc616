/**
 * The comments BuildKit's parser attaches to each instruction (its PrevComment): the comment lines
 * since the previous instruction, blank lines not ending the block, an empty `#` clearing it, and
 * the leading parser directives left out (they end at the first line that is not one).
 */
import type { Instruction } from 'dockerfile-ast';
import type { StageModel } from '../model';
import { allInstructions } from './allInstructions';
import { documentLines } from './documentLines';
import { perModel } from './memo';

export function prevComments(model: StageModel): ReadonlyMap<Instruction, readonly string[]> {
  return perModel(model, 'prevComments', () => {
    const lines = documentLines(model);
    const out = new Map<Instruction, string[]>();
    let from = 0;
    let directives = true;
    for (const instruction of allInstructions(model)) {
      const range = instruction.getRange();
      let comments: string[] = [];
      for (let l = from; l < range.start.line; l++) {
        const line = lines[l] ?? '';
        if (directives && /^\s*#\s*(syntax|escape|check)\s*=\s*\S/i.test(line)) continue;
        directives = false;
        const m = /^\s*#(.*)$/.exec(line);
        if (!m) continue;
        const comment = m[1].trim();
        comments = comment === '' ? [] : [...comments, comment];
      }
      directives = false;
      out.set(instruction, comments);
      from = range.end.line + 1;
    }
    return out;
  });
}

/**
 * The checks a `# check=skip=…` comment among an instruction's comments skips for that instruction
 * alone (BuildKit's WithMergedConfigFromComments: the first `check=` comment counts, its value up
 * to the first blank, so `# check=skip=X // why` works). Lower-cased; 'all' for `skip=all`.
 */
export function inlineSkippedChecks(comments: readonly string[]): Set<string> {
  for (const comment of comments) {
    const m = /^([A-Za-z][A-Za-z0-9]*)\s*=\s*(.+?)\s*$/.exec(comment);
    if (!m || m[1].toLowerCase() !== 'check') continue;
    const value = m[2].split(' ')[0];
    const skipped = new Set<string>();
    for (const part of value.split(';')) {
      const eq = part.indexOf('=');
      if (eq >= 0 && part.slice(0, eq).trim().toLowerCase() === 'skip') {
        for (const name of part.slice(eq + 1).split(',')) if (name.trim()) skipped.add(name.trim().toLowerCase());
      }
    }
    return skipped;
  }
  return new Set();
}
