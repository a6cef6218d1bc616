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
import { copyIgnoredFile } from './copy-ignored-file';
import { consistentInstructionCasing } from './consistent-instruction-casing';
import { exposeInvalidFormat } from './expose-invalid-format';
import { exposeProtoCasing } from './expose-proto-casing';
import { fromPlatformFlagConstDisallowed } from './from-platform-flag-const-disallowed';
import { instructionBeforeFrom } from './instruction-before-from';
import { noBuildStage } from './no-build-stage';
import { invalidDefaultArgInFrom } from './invalid-default-arg-in-from';
import { invalidDefinitionDescription } from './invalid-definition-description';
import { invalidFlag } from './invalid-flag';
import { jsonArgsRecommended } from './json-args-recommended';
import { legacyKeyValueFormat } from './legacy-key-value-format';
import { maintainerDeprecated } from './maintainer-deprecated';
import { missingArguments } from './missing-arguments';
import { multipleInstructionsDisallowed } from './multiple-instructions-disallowed';
import { noEmptyContinuation } from './no-empty-continuation';
import { redundantTargetPlatform } from './redundant-target-platform';
import { undefinedVar } from './undefined-var';
import { unknownInstruction } from './unknown-instruction';
import { workdirRelativePath } from './workdir-relative-path';
import type { Rule } from './types';

/**
 * Every diagnostics rule, one module each in this folder: what fails the build first (parse errors),
 * stage references, names, ARGs, the graph, image hygiene, then BuildKit's other build checks.
 */
export const rules: Rule[] = [
  unknownInstruction,
  missingArguments,
  invalidFlag,
  instructionBeforeFrom,
  noBuildStage,
  invalidDefaultArgInFrom,
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
  consistentInstructionCasing,
  noEmptyContinuation,
  maintainerDeprecated,
  jsonArgsRecommended,
  multipleInstructionsDisallowed,
  legacyKeyValueFormat,
  workdirRelativePath,
  undefinedVar,
  redundantTargetPlatform,
  fromPlatformFlagConstDisallowed,
  exposeProtoCasing,
  exposeInvalidFormat,
  copyIgnoredFile,
  invalidDefinitionDescription,
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
