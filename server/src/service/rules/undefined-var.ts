/**
 * undefined-var (BuildKit UndefinedVar): a variable read where BuildKit substitutes (ENV, LABEL,
 * COPY, ADD, WORKDIR, USER, VOLUME, STOPSIGNAL, ARG defaults, RUN --mount options) that the stage
 * has not defined: no ENV or ARG above it in the stage or its parent stages. Never the shell of a
 * RUN (BuildKit does not expand it). `${NAME:-default}` counts too: BuildKit reports any unset
 * variable it substitutes. Global ARGs and the automatic platform ARGs read without a
 * redeclaration are global-arg-not-redeclared's (one finding). Offline we cannot see a base
 * image's ENV: on an image base, PATH and the names common images set are taken as defined.
 */
import type { Stage, StageModel } from '../model';
import { AUTOMATIC_PLATFORM_ARGS, IMAGE_ENV_NAMES, PROXY_ARGS, declaredVariables, globalArgNames } from '../facts/argScope';
import { closeNames } from '../facts/closeNames';
import { instructionReads, wordUses, type VarUse } from '../facts/varUses';
import type { Rule } from './types';

const NON_ENV_ARGS = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);
const SUBSTITUTING = new Set(['ENV', 'LABEL', 'COPY', 'ADD', 'WORKDIR', 'USER', 'VOLUME', 'STOPSIGNAL', 'ARG']);

interface Scope {
  defined: Set<string>;
  imageBase: boolean;
}

function initialScope(stage: Stage, scopes: Scope[]): Scope {
  const ref = stage.fromReference;
  if (ref?.resolution.kind === 'stage') {
    const parent = scopes[ref.resolution.stage];
    return { defined: new Set(parent.defined), imageBase: parent.imageBase };
  }
  return { defined: new Set(['PATH']), imageBase: stage.baseImage.toLowerCase() !== 'scratch' && !ref };
}

function substitutedUses(model: StageModel, instruction: Stage['instructions'][number]): VarUse[] {
  const keyword = instruction.getKeyword();
  if (SUBSTITUTING.has(keyword)) return instructionReads(model, instruction)?.uses ?? [];
  if (keyword !== 'RUN') return [];
  const flags = (instruction as typeof instruction & { getFlags?(): { getName(): string; getOptions(): { getName(): string; getValueRange(): import('vscode-languageserver-types').Range | null }[] }[] }).getFlags?.() ?? [];
  const uses: VarUse[] = [];
  for (const flag of flags) {
    if (flag.getName() !== 'mount') continue;
    for (const option of flag.getOptions()) {
      const r = option.getValueRange();
      if (option.getName() !== 'from' && r) uses.push(...wordUses(model, r));
    }
  }
  return uses;
}

export const undefinedVar: Rule = {
  id: 'undefined-var',
  defaultSeverity: 'warning',
  description: 'A variable that is not defined where BuildKit substitutes it.',
  buildkitCheck: 'UndefinedVar',
  messages: {
    undefined: "'${name}' is not defined here (no ENV or ARG {name} above in this stage or its parents): it expands to an empty string.{hint}",
  },
  check({ model }, report) {
    const globals = globalArgNames(model);
    const scopes: Scope[] = [];
    for (const stage of model.stages) {
      const scope = initialScope(stage, scopes);
      for (const instruction of stage.instructions) {
        const reported = new Set<string>();
        for (const use of substitutedUses(model, instruction)) {
          const name = use.name;
          if (scope.defined.has(name) || reported.has(name)) continue;
          if (globals.has(name) || AUTOMATIC_PLATFORM_ARGS.has(name) || PROXY_ARGS.has(name) || NON_ENV_ARGS.has(name)) continue;
          if (scope.imageBase && IMAGE_ENV_NAMES.has(name)) continue;
          reported.add(name);
          const close = closeNames(name, scope.defined, 1);
          report({ range: use.range, messageId: 'undefined', data: { name, hint: close.length ? ` Did you mean '${close[0]}'?` : '' } });
        }
        for (const { name } of declaredVariables(instruction)) scope.defined.add(name);
      }
      scopes.push(scope);
    }
  },
};
