/**
 * Extract common base stage: stages that start with the same FROM and the same first instructions get a
 * shared `base` stage holding them, and start `FROM base` instead. Stage-local ARGs end the shared part
 * (they do not carry into a child stage).
 */
import type { Instruction } from 'dockerfile-ast';
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../model';
import { applyTextEdits, documentEdit, eolOf, rangeContains, wholeLinesRange } from './edits';
import { fromLinesNamed, renderBlock, stageBlocks } from './layout';
import { afterInsertAt, renumberEdits } from './stageIndexShift';
import { freshName } from './stageNameSuggestion';
import { onFromLine } from './cursor';
import type { Refactor } from './types';

export function extractCommonBase(model: StageModel, stageIndex: number): CodeAction | undefined {
  const stage = model.stages[stageIndex];
  if (!stage?.baseImageRange || stage.instructions.length === 0) return undefined;
  // The partners: stages with the same FROM sharing the most leading instructions with this one.
  const others = model.stages.filter((s) => s !== stage && s.baseImageRange && fromKey(model, s) === fromKey(model, stage));
  const best = Math.max(0, ...others.map((s) => commonCount([stage, s])));
  if (best === 0) return undefined;
  const group = [stage, ...others.filter((s) => commonCount([stage, s]) === best)].sort((a, b) => a.index - b.index);
  const shared = sharedPrefix(group);
  const first = group[0];
  // Only worth a stage when it shares work (a RUN, COPY or ADD), not just settings like WORKDIR.
  if (!first.instructions.slice(0, shared).some((i) => ['RUN', 'COPY', 'ADD'].includes(i.getKeyword()))) return undefined;
  const name = freshName(model, 'base');
  const eol = eolOf(model);
  const insertLine = first.docCommentRange?.start.line ?? first.fromRange.start.line;
  const moved = group.map((member) => {
    const blocks = stageBlocks(model, member);
    return wholeLinesRange(model, blocks[0].firstLine, blocks[shared - 1].lastLine);
  });
  // `--from=N` keeps meaning its stage once `base` is inserted; inside the moved instructions that
  // renumbering goes into the new base's text (their old lines are deleted, so an edit there would overlap).
  const renumbered = renumberEdits(model, afterInsertAt(first.index));
  const isMoved = (edit: TextEdit) => moved.some((range) => rangeContains(range, edit.range.start));
  const movedLines = applyTextEdits(model.document.getText(), renumbered.filter((e) => rangeContains(moved[0], e.range.start))).split(/\r\n|\r|\n/);
  const blocks = stageBlocks(model, first)
    .slice(0, shared)
    .map((b) => ({ ...b, lines: movedLines.slice(b.lastLine - b.lines.length + 1, b.lastLine + 1) }));
  const baseText = [...fromLinesNamed(model, first, name), ...blocks.flatMap((b, i) => renderBlock(b, i > 0)), ''].join(eol) + eol;
  const edits: TextEdit[] = [{ range: { start: { line: insertLine, character: 0 }, end: { line: insertLine, character: 0 } }, newText: baseText }];
  group.forEach((member, i) => {
    edits.push({ range: { start: member.fromKeywordRange.end, end: (member.baseImageRange as Stage['range']).end }, newText: ` ${name}` });
    edits.push({ range: moved[i], newText: '' });
  });
  edits.push(...renumbered.filter((e) => !isMoved(e)));
  const labels = group.map((s) => (s.name ? `'${s.name}'` : `stage ${s.index}`)).join(', ');
  return {
    title: `Extract common base stage '${name}' from ${labels} (${shared} instruction${shared === 1 ? '' : 's'})`,
    kind: CodeActionKind.RefactorExtract,
    edit: documentEdit(model, edits),
  };
}

/** What makes two FROMs the same: flags and base image as written. */
function fromKey(model: StageModel, stage: Stage): string {
  const start = model.document.offsetAt(stage.fromKeywordRange.end);
  const end = model.document.offsetAt((stage.baseImageRange as Stage['range']).end);
  return model.document.getText().slice(start, end).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** How many leading instructions all `stages` have in common (stopping at a stage-local ARG). */
function commonCount(stages: Stage[]): number {
  const shortest = Math.min(...stages.map((s) => s.instructions.length));
  let n = 0;
  while (n < shortest && stages[0].instructions[n].getKeyword() !== 'ARG' && stages.every((s) => same(s.instructions[n], stages[0].instructions[n]))) n++;
  return n;
}

/** The instructions to move into the base: the common ones, leaving every stage one of its own (else it is an alias). */
function sharedPrefix(stages: Stage[]): number {
  const n = commonCount(stages);
  return stages.some((s) => s.instructions.length === n) ? Math.max(0, n - 1) : n;
}

function same(a: Instruction, b: Instruction): boolean {
  const text = (i: Instruction) => i.getTextContent().replace(/\s+/g, ' ').trim();
  return a.getKeyword() === b.getKeyword() && text(a) === text(b);
}

export const extractCommonBaseRefactor: Refactor = {
  id: 'extractCommonBase',
  kind: CodeActionKind.RefactorExtract,
  title: 'Extract common base stage',
  actions: onFromLine(extractCommonBase),
  run: ({ model }, { stage }) => extractCommonBase(model, stage),
};
