/**
 * Inline stage: a stage used only as another stage's FROM (no COPY --from, no mount, no ARG-selected
 * FROM, not the build's last stage) is merged into that stage: the user starts from the inlined
 * stage's base and runs its instructions first. Numeric references after it are renumbered.
 */
import { escapeRegExp } from '../facts/text';
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { referenceAt, referencesTo, type Stage, type StageModel } from '../model';
import { possibleDependencies } from '../facts/neededStages';
import { documentEdit, documentLines, eolOf } from './edits';
import { properties } from '../facts/instructionArgs';
import { renderBlock, stageBlocks, stageDeletionRange } from './layout';
import { afterRemoveAt, renumberEdits } from './stageIndexShift';
import { onFromLine, some } from './cursor';
import type { Refactor } from './types';

/** The stage that builds FROM `stage` and is its only user, when `stage` can be inlined into it. */
export function inlineTarget(model: StageModel, stage: Stage): Stage | undefined {
  if (stage.index === model.stages.length - 1 || !stage.baseImageRange) return undefined;
  const refs = referencesTo(model, stage);
  if (refs.length !== 1 || refs[0].kind !== 'from' || (refs[0].resolution.kind === 'stage' && refs[0].resolution.viaArg)) return undefined;
  const user = model.stages[refs[0].inStage];
  const deps = possibleDependencies(model);
  if (deps.some((d, from) => from !== user.index && d.includes(stage.index))) return undefined;
  // A stage-local ARG of the inlined stage would become visible to the user's instructions.
  const argNames = stage.instructions.filter((i) => i.getKeyword() === 'ARG').flatMap((i) => properties(i).map(([n]) => n));
  const userText = user.instructions.map((i) => i.getTextContent()).join('\n');
  // Names are the Dockerfile's text: escaped, or `ARG (` throws and `ARG (a+)+` backtracks forever.
  if (argNames.some((n) => new RegExp(`\\$\\{?${escapeRegExp(n)}\\b`).test(userText))) return undefined;
  return user;
}

export function inlineStage(model: StageModel, stageIndex: number): CodeAction | undefined {
  const stage = model.stages[stageIndex];
  const user = stage && inlineTarget(model, stage);
  if (!stage || !user?.baseImageRange || !stage.baseImageRange) return undefined;
  const eol = eolOf(model);
  const text = model.document.getText();
  const fromText = text.slice(model.document.offsetAt(stage.fromKeywordRange.end), model.document.offsetAt(stage.baseImageRange.end));
  const doc = stage.docCommentRange ? documentLines(model).slice(stage.docCommentRange.start.line, stage.docCommentRange.end.line + 1) : [];
  const moved = [...doc, ...stageBlocks(model, stage).flatMap((b, i) => renderBlock(b, i > 0))];
  const edits: TextEdit[] = [
    { range: stageDeletionRange(model, stage), newText: '' },
    { range: { start: user.fromKeywordRange.end, end: user.baseImageRange.end }, newText: fromText },
    ...(moved.length > 0 ? [{ range: { start: user.fromRange.end, end: user.fromRange.end }, newText: eol + moved.join(eol) }] : []),
    ...renumberEdits(model, afterRemoveAt(stage.index), (r) => r.inStage === stage.index),
  ];
  const label = (s: Stage) => (s.name ? `'${s.name}'` : String(s.index));
  return { title: `Inline stage ${label(stage)} into ${label(user)}`, kind: CodeActionKind.RefactorInline, edit: documentEdit(model, edits) };
}

export const inlineStageRefactor: Refactor = {
  id: 'inlineStage',
  kind: CodeActionKind.RefactorInline,
  title: 'Inline stage',
  actions: (ctx) => {
    const reference = referenceAt(ctx.model, ctx.range.start);
    if (reference?.kind === 'from' && reference.resolution.kind === 'stage') return some(inlineStage(ctx.model, reference.resolution.stage));
    return onFromLine(inlineStage)(ctx);
  },
  run: ({ model }, { stage }) => inlineStage(model, stage),
};
