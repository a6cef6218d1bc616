import { copyContextBeforeDeps } from './copy-context-before-deps';
import { copyFromEmptyStage } from './copy-from-empty-stage';
import { duplicateStageName } from './duplicate-stage-name';
import { fromAsCasing } from './from-as-casing';
import { globalArgNotRedeclared } from './global-arg-not-redeclared';
import { invalidStageName } from './invalid-stage-name';
import { missingDockerignore } from './missing-dockerignore';
import { numericStageReference } from './numeric-stage-reference';
import { removedInLaterLayer } from './removed-in-later-layer';
import { reservedStageName } from './reserved-stage-name';
import { secretInArgOrEnv } from './secret-in-arg-or-env';
import { stageIndexOutOfRange } from './stage-index-out-of-range';
import { stageNameCasing } from './stage-name-casing';
import { stageOrder } from './stage-order';
import { toolchainInFinalStage } from './toolchain-in-final-stage';
import { undefinedArgInFrom } from './undefined-arg-in-from';
import { unknownStage } from './unknown-stage';
import { unreachableStage } from './unreachable-stage';
import { variableInFromFlag } from './variable-in-from-flag';
import type { Rule } from './types';

/** Every diagnostics rule, one module each in this folder: stage references first, then names, ARGs, the graph, and image hygiene. */
export const rules: Rule[] = [
  unknownStage,
  stageOrder,
  stageIndexOutOfRange,
  numericStageReference,
  variableInFromFlag,
  duplicateStageName,
  reservedStageName,
  invalidStageName,
  stageNameCasing,
  fromAsCasing,
  globalArgNotRedeclared,
  undefinedArgInFrom,
  unreachableStage,
  copyFromEmptyStage,
  toolchainInFinalStage,
  copyContextBeforeDeps,
  missingDockerignore,
  secretInArgOrEnv,
  removedInLaterLayer,
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
