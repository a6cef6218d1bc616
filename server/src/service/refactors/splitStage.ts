/**
 * Split stage: cut a stage before one of its instructions. The first part keeps the FROM and takes a
 * new name; the second part starts `FROM <that name>` and keeps the stage's name, so everything that
 * used the stage still gets its complete result. Stage-local ARGs the second part uses are declared
 * again; numeric references to the stage and the stages after it are renumbered.
 */
import { stageRef } from '../facts/labels';
import { asKeyword, escapeRegExp } from '../facts/text';
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import { stageNameProblem } from '../stageNames';
import { documentEdit, eolOf } from './edits';
import { properties } from '../facts/instructionArgs';
import { instructionLines, keyword, stageBlocks } from './layout';
import { afterInsertAt, renumberEdits } from './stageIndexShift';
import { suggestStageName, takenNames } from './stageNameSuggestion';
import { instructionAtCursor, some } from './cursor';
import type { Refactor } from './types';

export function splitStage(model: StageModel, stageIndex: number, instructionIndex: number, name?: string): CodeAction | undefined {
  const stage = model.stages[stageIndex];
  if (!stage?.baseImageRange || instructionIndex < 1 || instructionIndex >= stage.instructions.length) return undefined;
  const head = stage.instructions.slice(0, instructionIndex);
  const tail = stage.instructions.slice(instructionIndex);
  const firstName = name ?? suggestStageName(model, stage, head);
  if (stageNameProblem(firstName, takenNames(model))) return undefined;
  const eol = eolOf(model);
  const as = asKeyword(stage);

  const tailText = tail.map((i) => i.getTextContent()).join('\n');
  // The name is the Dockerfile's text: escaped, or `ARG (` throws and `ARG (a+)+` backtracks forever.
  const uses = (name: string) => new RegExp(`\\$\\{?${escapeRegExp(name)}\\b`).test(tailText);
  const args = head.filter((i) => i.getKeyword() === 'ARG' && properties(i).some(([n]) => uses(n)));
  const block = stageBlocks(model, stage)[instructionIndex];
  const newFrom = `${keyword(model, 'FROM')} ${firstName}${stage.name ? ` ${as} ${stage.name}` : ''}`;
  const inserted = [...(block.blankBefore ? [] : ['']), newFrom, ...args.flatMap((a) => instructionLines(model, a)), ...(block.blankBefore ? [''] : [])];
  const end = stage.baseImageRange.end;
  const edits: TextEdit[] = [
    stage.nameRange ? { range: stage.nameRange, newText: firstName } : { range: { start: end, end }, newText: ` ${as} ${firstName}` },
    { range: { start: { line: block.firstLine, character: 0 }, end: { line: block.firstLine, character: 0 } }, newText: inserted.join(eol) + eol },
    ...renumberEdits(model, afterInsertAt(stage.index)),
  ];
  return {
    title: `Split ${stageRef(stage)} before line ${block.instruction.getRange().start.line + 1} (first part: '${firstName}')`,
    kind: CodeActionKind.RefactorExtract,
    edit: documentEdit(model, edits),
  };
}

export const splitStageRefactor: Refactor = {
  id: 'splitStage',
  kind: CodeActionKind.RefactorExtract,
  title: 'Split stage',
  actions: ({ model, range }) => {
    const at = instructionAtCursor(model, range.start);
    return at && at.index > 0 && at.instruction.getRange().start.line === range.start.line ? some(splitStage(model, at.stage.index, at.index)) : [];
  },
  run: ({ model }, { stage, instruction, name }) => splitStage(model, stage, instruction ?? 1, name),
};
