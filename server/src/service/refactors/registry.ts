import type { CodeAction } from 'vscode-languageserver-types';
import { referenceAt, type StageModel } from '../model';
import { stageTargetAt } from '../stageTarget';
import { createDockerignore } from './createDockerignore';
import { instructionAtCursor, stageAtLine, stageOnFromLine } from './cursor';
import { extractBuilderStage } from './extractBuilderStage';
import { extractCommonBase } from './extractCommonBase';
import { inlineStage } from './inlineStage';
import { moveManifestsBeforeCopy } from './moveManifestsBeforeCopy';
import { nameStage } from './nameStage';
import { removeStage } from './removeStage';
import { splitStage } from './splitStage';
import type { Refactor, RefactorContext } from './types';
import { unifyStageSpelling } from './unifyStageSpelling';

const some = (action: CodeAction | undefined): CodeAction[] => (action ? [action] : []);

/** Offers `run` for the stage whose FROM line the cursor is on. */
const onFromLine =
  (run: (model: StageModel, stageIndex: number) => CodeAction | undefined) =>
  ({ model, range }: RefactorContext): CodeAction[] => {
    const stage = stageOnFromLine(model, range.start);
    return stage ? some(run(model, stage.index)) : [];
  };

/** Every refactor, one module each in this folder; each decides from the cursor whether it applies. */
export const refactors: Refactor[] = [
  {
    id: 'extractBuilderStage',
    actions: ({ model, range, settings, context }) => {
      const stage = stageAtLine(model, range.start);
      return stage ? some(extractBuilderStage(model, stage.index, settings, context)) : [];
    },
  },
  {
    id: 'nameStage',
    actions: ({ model, range }) => {
      const reference = referenceAt(model, range.start);
      if (reference?.resolution.kind === 'stage' && reference.resolution.by === 'index') return some(nameStage(model, reference.resolution.stage));
      const stage = stageOnFromLine(model, range.start);
      return stage && !stage.name ? some(nameStage(model, stage.index)) : [];
    },
  },
  {
    id: 'unifyStageSpelling',
    actions: ({ model, range }) => {
      const target = stageTargetAt(model, range.start);
      return target ? some(unifyStageSpelling(model, target.stage.index)) : [];
    },
  },
  { id: 'extractCommonBase', actions: onFromLine(extractCommonBase) },
  {
    id: 'inlineStage',
    actions: (ctx) => {
      const reference = referenceAt(ctx.model, ctx.range.start);
      if (reference?.kind === 'from' && reference.resolution.kind === 'stage') return some(inlineStage(ctx.model, reference.resolution.stage));
      return onFromLine(inlineStage)(ctx);
    },
  },
  {
    id: 'splitStage',
    actions: ({ model, range }) => {
      const at = instructionAtCursor(model, range.start);
      return at && at.index > 0 && at.instruction.getRange().start.line === range.start.line ? some(splitStage(model, at.stage.index, at.index)) : [];
    },
  },
  { id: 'removeStage', actions: onFromLine(removeStage) },
  {
    id: 'moveManifestsBeforeCopy',
    actions: ({ model, range }) => {
      const at = instructionAtCursor(model, range.start);
      const keyword = at?.instruction.getKeyword();
      return at && (keyword === 'COPY' || keyword === 'RUN') ? some(moveManifestsBeforeCopy(model, at.stage.index)) : [];
    },
  },
  {
    id: 'createDockerignore',
    actions: ({ model, range, files, settings }) => {
      if (files?.dockerignoreExists !== false || !files.dockerignoreUri) return [];
      const keyword = instructionAtCursor(model, range.start)?.instruction.getKeyword();
      return keyword === 'COPY' || keyword === 'ADD' ? some(createDockerignore(model, files.dockerignoreUri, settings)) : [];
    },
  },
];

/** The actions of every refactor at the range; one that throws (a bug on odd input) costs only its own. */
export function refactorActions(ctx: RefactorContext): CodeAction[] {
  return refactors.flatMap((r) => {
    try {
      return r.actions(ctx);
    } catch {
      return [];
    }
  });
}
