/**
 * stage-order: a reference to the current stage or a later one. BuildKit fails on a reference to the
 * current stage ("circular dependency"); a COPY --from / mount of a later stage does not see that
 * stage's work; FROM <later stage> pulls an image of that name instead.
 * Fix: move the later stage above the one that uses it, when everything it needs stays above it.
 */
import type { CodeAction } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../model';
import { documentLines, eolOf } from '../refactors/edits';
import { stageDeletionRange } from '../refactors/layout';
import { renumberEdits } from '../refactors/stageIndexShift';
import { dataNumber, quickFix } from './support/fixes';
import { StageRef, stageRef } from '../facts/labels';
import { neededStages } from '../facts/neededStages';
import type { Rule } from './types';

/** Moves `later` (with its comments) right above `user`, renumbering `--from=N` references; undefined when unsafe. */
function moveAbove(model: StageModel, later: Stage, user: Stage, diagnostic: Parameters<NonNullable<Rule['fix']>>[1]): CodeAction | undefined {
  if (later.index <= user.index) return undefined;
  for (const needed of neededStages(model, later.index)) if (needed !== later.index && needed >= user.index) return undefined;
  const lines = documentLines(model);
  const first = later.docCommentRange?.start.line ?? later.fromRange.start.line;
  const block = lines.slice(first, later.range.end.line + 1);
  const eol = eolOf(model);
  const at = { line: user.docCommentRange?.start.line ?? user.fromRange.start.line, character: 0 };
  const newIndex = (old: number) => (old === later.index ? user.index : old >= user.index && old < later.index ? old + 1 : old);
  const edits = [
    { range: { start: at, end: at }, newText: block.join(eol) + eol + eol },
    deletion(model, later, first, eol),
    ...renumberEdits(model, newIndex, (r) => r.inStage === later.index),
  ];
  return quickFix(model, diagnostic, `Move ${stageRef(later)} above ${stageRef(user)}`, edits);
}

/** Deletes a stage's block; for the last stage, also the blank lines above it, keeping one final line break. */
function deletion(model: StageModel, stage: Stage, first: number, eol: string) {
  if (stage.index < model.stages.length - 1) return { range: stageDeletionRange(model, stage), newText: '' };
  const lines = documentLines(model);
  let previous = first - 1;
  while (previous > 0 && lines[previous].trim() === '') previous--;
  const end = model.document.positionAt(model.document.getText().length);
  return { range: { start: { line: previous, character: lines[previous].length }, end }, newText: eol };
}

export const stageOrder: Rule = {
  id: 'stage-order',
  defaultSeverity: 'error',
  description: 'A reference to the current stage or to a stage defined later in the file.',
  messages: {
    fromLater:
      "FROM only sees earlier stages: {stageRef} is defined below (line {line}), so BuildKit pulls an image named '{value}' instead. Move {stageRef} above this one.",
    itself:
      '{Stage} cannot use itself: BuildKit fails with "circular dependency". Use an earlier stage.',
    later:
      "{Stage} is defined after this one (line {line}): a stage can only use earlier stages, and BuildKit does not give this step that stage's files. Move {stageRef} above this one.",
  },
  check({ model }, report) {
    for (const r of model.references) {
      if (r.resolution.kind !== 'forward') continue;
      const target = model.stages[r.resolution.stage];
      const line = target.fromRange.start.line + 1;
      const related = [{ range: target.nameRange ?? target.fromKeywordRange, message: `${StageRef(target)} is defined here.` }];
      const messageId = r.kind === 'from' ? 'fromLater' : target.index === r.inStage ? 'itself' : 'later';
      const data = { stage: target.index, user: r.inStage, line, value: r.value, stageRef: stageRef(target), Stage: StageRef(target) };
      report({ range: r.range, messageId, related, data });
    }
  },
  fix({ model }, diagnostic) {
    const later = model.stages[dataNumber(diagnostic, 'stage') ?? -1];
    const user = model.stages[dataNumber(diagnostic, 'user') ?? -1];
    const fix = later && user ? moveAbove(model, later, user, diagnostic) : undefined;
    return fix ? [fix] : [];
  },
};
