/**
 * removed-in-later-layer: a file added by COPY/ADD or downloaded by a RUN (curl -o, wget -O) and
 * deleted by a later RUN of the same stage, in a stage whose layers ship with the build target: the
 * deleted bytes stay in the earlier layer. Only exact paths are compared (no globs, no variables,
 * relative paths only where the working directory is known).
 */
import type { Instruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../model';
import { eolOf } from '../refactors/edits';
import { copyArgs, flagsOf } from '../facts/instructionArgs';
import { baseName, isAbsolutePath, isInside, joinPath, normalizePath, resolvePath } from '../facts/paths';
import { commandName, execForm, optionValue, runCommands } from '../facts/shellCommands';
import { statesOf, type BuildState } from '../facts/stageState';
import { dataNumber, quickFix } from './support/fixes';
import { buildTarget, imageChain } from '../facts/neededStages';
import type { Rule } from './types';

interface Added {
  path: string;
  instruction: Instruction;
  how: string;
}

const ARCHIVE = /\.(tar|tgz|tbz2?|txz|tar\.(gz|bz2|xz|zst)|gz|bz2|xz|zst)$/i;
const UNSURE = /[$*?[\]{}~`]/;

/** `p` as an absolute path, or undefined when it cannot be known statically. */
function absolute(cwd: string, p: string): string | undefined {
  if (p === '' || UNSURE.test(p) || p === '-') return undefined;
  if (isAbsolutePath(p)) return normalizePath(p);
  return cwd === '' ? undefined : resolvePath(cwd, p);
}

function addedByCopy(instruction: Instruction, cwd: string): Added | undefined {
  const args = copyArgs(instruction);
  if (!args || args.sources.length !== 1) return undefined;
  const source = args.sources[0];
  const keyword = instruction.getKeyword();
  const url = /^https?:\/\//.test(source);
  if (UNSURE.test(source) || (keyword === 'ADD' && !url && ARCHIVE.test(source)) || source.startsWith('<<')) return undefined;
  const dest = args.destination;
  const name = url ? baseName(source.replace(/[?#].*$/s, '')) : baseName(source);
  const target = /[/\\]$/.test(dest) || dest === '.' ? joinPath(dest, name) : dest;
  const path = absolute(cwd, target);
  return path && path !== '/' ? { path, instruction, how: url ? 'downloaded by ADD' : `added by ${keyword}` } : undefined;
}

function downloadsBy(model: StageModel, instruction: Instruction, cwd: string): Added[] {
  const out: Added[] = [];
  for (const command of runCommands(instruction, model.escapeChar, cwd)) {
    const name = commandName(command.argv);
    const output = name === 'curl' ? optionValue(command.argv, ['-o', '--output']) : name === 'wget' ? optionValue(command.argv, ['-O', '--output-document']) : undefined;
    const path = output === undefined ? undefined : absolute(command.cwd, output);
    if (path) out.push({ path, instruction, how: `downloaded by ${name}` });
  }
  return out;
}

function deletionsBy(model: StageModel, instruction: Instruction, cwd: string): { path: string; written: string }[] {
  const out: { path: string; written: string }[] = [];
  for (const command of runCommands(instruction, model.escapeChar, cwd)) {
    if (commandName(command.argv) !== 'rm') continue;
    let options = true;
    for (const word of command.argv.slice(1)) {
      if (options && word === '--') {
        options = false;
        continue;
      }
      if (options && word.startsWith('-')) continue;
      const path = absolute(command.cwd, word);
      if (path && path !== '/') out.push({ path, written: word });
    }
  }
  return out;
}

function rangeOfWord(model: StageModel, instruction: Instruction, word: string): Range {
  const doc = model.document;
  const text = doc.getText(instruction.getRange());
  const rm = text.search(/\brm\b/);
  const at = text.indexOf(word, Math.max(0, rm));
  if (at < 0) return instruction.getInstructionRange();
  const start = doc.offsetAt(instruction.getRange().start) + at;
  return { start: doc.positionAt(start), end: doc.positionAt(start + word.length) };
}

function heredocs(instruction: Instruction): unknown[] {
  return (instruction as Instruction & { getHeredocs?(): unknown[] }).getHeredocs?.() ?? [];
}

/** Two adjacent shell-form RUNs the second of which can be appended to the first with `&&`. */
function mergeable(model: StageModel, first: Instruction, second: Instruction): boolean {
  if (first.getKeyword() !== 'RUN' || execForm(first) || execForm(second) || heredocs(first).length > 0 || heredocs(second).length > 0) return false;
  if (flagsOf(second).length > 0 || second.getRange().start.line !== first.getRange().end.line + 1) return false;
  const tail = model.document.getText(first.getRange()).trimEnd();
  return !/[;&|\\`]$/.test(tail) && second.getArguments().length > 0;
}

/** Checks one stage of the target's chain; returns the state after it, which the next stage inherits. */
function checkStage(model: StageModel, stage: Stage, report: Parameters<Rule['check']>[1], inherited?: BuildState): BuildState {
  const states = statesOf(model, stage, '', inherited);
  const added: Added[] = [];
  const reported = new Set<string>();
  stage.instructions.forEach((instruction, i) => {
    const cwd = states[i].workdir;
    const keyword = instruction.getKeyword();
    if (keyword === 'RUN') {
      for (const deletion of deletionsBy(model, instruction, cwd)) {
        const hit = added.find((a) => a.instruction !== instruction && (a.path === deletion.path || isInside(a.path, deletion.path)));
        if (!hit || reported.has(hit.path)) continue;
        reported.add(hit.path);
        const line = hit.instruction.getRange().start.line + 1;
        const next = stage.instructions[stage.instructions.indexOf(hit.instruction) + 1];
        const canMerge = next === instruction && mergeable(model, hit.instruction, instruction);
        report({
          range: rangeOfWord(model, instruction, deletion.written),
          messageId: hit.instruction.getKeyword() === 'RUN' ? 'deletedLaterRun' : 'deletedLaterCopy',
          related: [{ range: hit.instruction.getRange(), message: `'${hit.path}' is ${hit.how} here.` }],
          data: { path: hit.path, how: hit.how, line, ...(canMerge ? { merge: hit.instruction.getRange().start.line } : {}) },
        });
      }
      added.push(...downloadsBy(model, instruction, cwd));
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      const a = addedByCopy(instruction, cwd);
      if (a) added.push(a);
    }
  });
  return states[states.length - 1];
}

export const removedInLaterLayer: Rule = {
  id: 'removed-in-later-layer',
  defaultSeverity: 'information',
  description: 'A file added in one layer and deleted in a later RUN of the same stage: its bytes stay in the image.',
  messages: {
    deletedLaterRun:
      "'{path}' is {how} on line {line} and deleted here, in a later layer: its bytes still ship in the image. Download, use and delete it in one RUN, or do the work in a separate stage and COPY --from only the result.",
    deletedLaterCopy:
      "'{path}' is {how} on line {line} and deleted here, in a later layer: its bytes still ship in the image. Fetch, use and delete it in one RUN (or use a RUN --mount), or do the work in a separate stage and COPY --from only the result.",
  },
  check({ model, settings }, report) {
    const target = buildTarget(model, settings);
    if (!target) return;
    let state: BuildState | undefined;
    for (const stage of imageChain(model, target)) state = checkStage(model, stage, report, state);
  },
  fix({ model }, diagnostic) {
    const line = dataNumber(diagnostic, 'merge');
    if (line === undefined) return [];
    for (const stage of model.stages) {
      const i = stage.instructions.findIndex((ins) => ins.getRange().start.line === line);
      const first = stage.instructions[i];
      const second = stage.instructions[i + 1];
      if (!first || !second || !mergeable(model, first, second)) continue;
      const range = { start: first.getRange().end, end: second.getArguments()[0].getRange().start };
      return [quickFix(model, diagnostic, 'Merge into the previous RUN', [{ range, newText: ` ${model.escapeChar}${eolOf(model)} && ` }])];
    }
    return [];
  },
};
