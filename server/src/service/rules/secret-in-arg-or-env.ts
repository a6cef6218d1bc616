/**
 * secret-in-arg-or-env: an ARG or ENV whose name says it holds a secret (BuildKit's
 * SecretsUsedInArgOrEnv: a token such as password, token, secret, key, auth at a `_` boundary, not
 * `public`, `file` or `version`), in a stage the build target needs. Values of ARG and ENV stay in the image's history
 * and metadata; a secret mount does not. Names that only point at a secret (…_FILE, …_PATH, …_URL)
 * or hold public key ids (GPG) are not reported.
 */
import type { Instruction } from 'dockerfile-ast';
import type { TextEdit } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import { wholeLinesRange } from '../refactors/edits';
import { declaredVariables } from '../facts/argScope';
import { dataNumber, dataString, quickFix } from './support/fixes';
import { buildTarget } from '../facts/neededStages';
import { instructionReads } from '../facts/varUses';
import type { Rule } from './types';

const SECRET_TOKENS = new Set(['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token']);
const ALLOWED_TOKENS = new Set(['public', 'file', 'version']);
const POINTER_TOKENS = new Set(['file', 'path', 'dir', 'url', 'uri', 'host', 'port', 'endpoint', 'server', 'public']);

export function looksSecret(name: string): boolean {
  const tokens = name.toLowerCase().split('_');
  if (!tokens.some((t) => SECRET_TOKENS.has(t))) return false;
  if (tokens.some((t) => t === 'gpg' || t === 'pgp')) return false;
  // BuildKit's allow list: public, file or version anywhere (`AUTH_MODULE_VERSION`, `SECRET_FILE_NAME`).
  if (tokens.some((t) => ALLOWED_TOKENS.has(t))) return false;
  return !POINTER_TOKENS.has(tokens[tokens.length - 1]);
}

/** The RUN instructions of the stage after `declaration` that read `name`, if nothing else reads it anywhere. */
function secretReaders(model: StageModel, stageIndex: number, declaration: Instruction, name: string): Instruction[] | undefined {
  const readers: Instruction[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      const reads = instructionReads(model, instruction)?.uses.some((u) => u.name === name);
      if (!reads) continue;
      const sameStageRun = stage.index === stageIndex && instruction.getKeyword() === 'RUN' && instruction.getRange().start.line > declaration.getRange().start.line;
      if (!sameStageRun) return undefined;
      readers.push(instruction);
    }
    if (stage.index > stageIndex && stage.fromReference?.resolution.kind === 'stage' && stage.fromReference.resolution.stage === stageIndex) return undefined;
  }
  return readers;
}

export const secretInArgOrEnv: Rule = {
  id: 'secret-in-arg-or-env',
  defaultSeverity: 'warning',
  description: 'An ARG or ENV whose name says it holds a secret, in a stage the target needs.',
  messages: {
    secret:
      "'{name}' looks like a secret: {keyword} values stay in the image's build history and metadata. Pass it as a build secret instead: 'RUN --mount=type=secret,id={id},env={name} …' with 'docker build --secret id={id},env={name}'.",
  },
  buildkitCheck: 'SecretsUsedInArgOrEnv',
  check({ model, settings, analysis }, report) {
    const target = buildTarget(model, settings);
    if (!target) return;
    const needed = analysis.neededStages(target.index);
    for (const stage of model.stages) {
      if (!needed.has(stage.index)) continue;
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword !== 'ARG' && keyword !== 'ENV') continue;
        for (const { name, range } of declaredVariables(instruction)) {
          if (!looksSecret(name)) continue;
          const id = name.toLowerCase();
          report({
            range,
            messageId: 'secret',
            data: { name, stage: stage.index, line: instruction.getRange().start.line, keyword, id },
          });
        }
      }
    }
  },
  fix({ model }, diagnostic) {
    const name = dataString(diagnostic, 'name');
    const stageIndex = dataNumber(diagnostic, 'stage');
    const line = dataNumber(diagnostic, 'line');
    const stage = stageIndex === undefined ? undefined : model.stages[stageIndex];
    const declaration = stage?.instructions.find((i) => i.getRange().start.line === line);
    if (!name || !stage || !declaration || declaredVariables(declaration).length !== 1) return [];
    const readers = secretReaders(model, stage.index, declaration, name);
    if (!readers) return [];
    const id = name.toLowerCase();
    const range = declaration.getRange();
    const edits: TextEdit[] = [{ range: wholeLinesRange(model, range.start.line, range.end.line), newText: '' }];
    for (const run of readers) {
      const at = run.getInstructionRange().end;
      edits.push({ range: { start: at, end: at }, newText: ` --mount=type=secret,id=${id},env=${name}` });
    }
    return [quickFix(model, diagnostic, `Use a secret mount for '${name}'`, edits)];
  },
};
