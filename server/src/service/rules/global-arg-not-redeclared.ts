/**
 * global-arg-not-redeclared: a global ARG (declared before the first FROM, or an automatic platform
 * ARG such as TARGETOS) read inside a stage that has not declared it: BuildKit gives it an empty
 * value there. A read counts where BuildKit substitutes (ENV, COPY, ADD, WORKDIR, USER, LABEL, …,
 * RUN --mount options) and in the shell of RUN, heredoc bodies included — unless the script sets the
 * name itself. ENV and ARG carry over through `FROM <stage>` (BuildKit copies both); proxy ARGs need
 * no declaration; names that common base images set with ENV are left alone.
 */
import type { Instruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import { comparePositions } from '../positions';
import type { Stage, StageModel } from '../model';
import { eolOf } from '../refactors/edits';
import { execForm } from '../facts/shellCommands';
import { AUTOMATIC_PLATFORM_ARGS, IMAGE_ENV_NAMES, PROXY_ARGS, declaredVariables, globalArgNames, isPosixShell } from '../facts/argScope';
import { dataNumber, dataString, quickFix } from './support/fixes';
import { possibleParents } from '../facts/neededStages';
import { instructionReads, scriptSetsVariable } from '../facts/varUses';
import { stageRef } from '../facts/labels';
import type { Rule } from './types';

interface StageScope {
  defined: Set<string>;
  /** The stage may carry environment from a base image we cannot see. */
  imageBase: boolean;
  posixShell: boolean;
}

/** Where each stage starts: what it inherits through FROM. */
function initialScope(model: StageModel, stage: Stage, scopes: StageScope[]): StageScope {
  const ref = stage.fromReference;
  const windows = model.escapeChar !== '\\';
  if (ref && ref.value.includes('$')) {
    const parents = possibleParents(model, stage);
    const defined = new Set<string>();
    for (const p of parents) for (const n of scopes[p.index].defined) defined.add(n);
    return { defined, imageBase: true, posixShell: !windows && parents.every((p) => scopes[p.index].posixShell) };
  }
  if (ref?.resolution.kind === 'stage') {
    const parent = scopes[ref.resolution.stage];
    return { defined: new Set(parent.defined), imageBase: parent.imageBase, posixShell: parent.posixShell };
  }
  return { defined: new Set(), imageBase: stage.baseImage.toLowerCase() !== 'scratch', posixShell: !windows };
}

/** Whether a range lies in the flags of a RUN (`--mount=…`), where BuildKit substitutes variables. */
function inRunFlags(instruction: Instruction, range: Range): boolean {
  const flags = (instruction as Instruction & { getFlags?(): { getRange(): Range }[] }).getFlags?.() ?? [];
  const last = flags[flags.length - 1]?.getRange().end;
  return !!last && comparePositions(range.start, last) < 0;
}

export const globalArgNotRedeclared: Rule = {
  id: 'global-arg-not-redeclared',
  defaultSeverity: 'warning',
  description: 'A global ARG used inside a stage that does not redeclare it, where it is empty.',
  messages: {
    notRedeclared:
      "Global ARG '{name}' (line {line}) is empty in {stageRef}: ARGs declared before the first FROM are only visible in FROM lines. Add 'ARG {name}' to the stage to use its value.",
    automaticPlatformArg:
      "'{name}' is an automatic platform ARG in the global scope: it is empty in {stageRef} until the stage declares 'ARG {name}'.",
  },
  buildkitCheck: 'UndefinedVar',
  safeFix: true,
  check({ model }, report) {
    const globals = new Map<string, Range | undefined>();
    for (const name of AUTOMATIC_PLATFORM_ARGS) globals.set(name, undefined);
    for (const [name, range] of globalArgNames(model)) globals.set(name, range);
    if (model.stages.length === 0) return;
    const scopes: StageScope[] = [];
    for (const stage of model.stages) {
      const scope = initialScope(model, stage, scopes);
      const reported = new Set<string>();
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword === 'SHELL') scope.posixShell = isPosixShell(execForm(instruction)?.[0]);
        if (keyword === 'RUN' && !scope.posixShell) continue;
        const reads = instructionReads(model, instruction);
        for (const use of reads?.uses ?? []) {
          const name = use.name;
          if (use.guarded || use.nested || !globals.has(name) || scope.defined.has(name) || reported.has(name)) continue;
          if (PROXY_ARGS.has(name) || (scope.imageBase && IMAGE_ENV_NAMES.has(name))) continue;
          if (reads?.script && scriptSetsVariable(reads.script(), name)) continue;
          reported.add(name);
          const declaration = globals.get(name);
          report({
            range: use.range,
            messageId: declaration ? 'notRedeclared' : 'automaticPlatformArg',
            related: declaration ? [{ range: declaration, message: `'${name}' is declared here, before the first FROM.` }] : undefined,
            data: { name, stage: stage.index, stageRef: stageRef(stage), ...(declaration ? { line: declaration.start.line + 1 } : {}) },
            // BuildKit substitutes variables in RUN --mount options only; a read in the RUN's shell is ours alone.
            buildkitCheck: keyword === 'RUN' && !inRunFlags(instruction, use.range) ? null : undefined,
          });
        }
        for (const { name } of declaredVariables(instruction)) scope.defined.add(name);
      }
      scopes.push(scope);
    }
  },
  fix({ model }, diagnostic) {
    const name = dataString(diagnostic, 'name');
    const index = dataNumber(diagnostic, 'stage');
    const stage = index === undefined ? undefined : model.stages[index];
    if (!name || !stage) return [];
    const at = stage.fromRange.end;
    return [quickFix(model, diagnostic, `Add 'ARG ${name}' to ${stageRef(stage)}`, [{ range: { start: at, end: at }, newText: `${eolOf(model)}ARG ${name}` }], true)];
  },
};
