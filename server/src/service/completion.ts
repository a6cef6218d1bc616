/**
 * Stage-name completion where BuildKit accepts a stage: `COPY --from=`, `RUN --mount=…,from=` and the
 * image position of `FROM`. Only earlier stages are offered (a stage cannot use itself or a later one).
 * Works from the text of the cursor's line, because half-typed flags (`COPY --from=`) parse oddly.
 */
import { CompletionItemKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver-types';
import type { Instruction } from 'dockerfile-ast';
import { comparePositions, findContaining } from './positions';
import type { ReferenceKind, Stage, StageModel } from './model';

interface CompletionContext {
  kind: ReferenceKind;
  /** The partial value the chosen name replaces. */
  replace: Range;
  /** Start of the instruction being typed. */
  anchor: Position;
}

const ITEM_MARK = 'dockerfile-stages';

/** Stage names for the completion context at `pos`, or undefined when `pos` is not such a context. */
export function stageCompletions(model: StageModel, pos: Position): CompletionItem[] | undefined {
  const context = completionContext(model, pos);
  if (!context) return undefined;
  const current = currentStage(model, context.anchor);
  const earlier = model.stages.slice(0, Math.max(0, current));
  // A duplicated name means the last stage holding it: the last earlier one for FROM, the last in the
  // file for --from / from= (see Resolver.byName in model.ts).
  const byName = new Map<string, Stage>();
  for (const stage of earlier) if (stage.normalizedName) byName.set(stage.normalizedName, stage);
  const items: CompletionItem[] = [];
  for (const stage of earlier) {
    const key = stage.normalizedName;
    if (key) {
      if (byName.get(key) !== stage) continue;
      const lastInFile = model.stagesByName.get(key)?.at(-1)?.index ?? stage.index;
      if (context.kind !== 'from' && lastInFile >= current) continue;
      items.push(item(stage, stage.name as string, context.replace, stage.baseImage || 'no base image'));
    } else if (context.kind === 'copy-from') {
      items.push(item(stage, String(stage.index), context.replace, `unnamed stage ${stage.index}: ${stage.baseImage || 'no base image'}`));
    }
  }
  return items;
}

/** Index of the stage being edited: the last one whose FROM starts at or before `anchor` (-1 before any). */
function currentStage(model: StageModel, anchor: Position): number {
  let count = 0;
  while (count < model.stages.length && comparePositions(model.stages[count].fromRange.start, anchor) <= 0) count++;
  return count - 1;
}

/** True for items this module produced (they need no resolve from the base service). */
export function isStageCompletion(item: CompletionItem): boolean {
  return (item.data as { source?: unknown } | undefined)?.source === ITEM_MARK;
}

function item(stage: Stage, label: string, range: Range, detail: string): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Module,
    detail,
    documentation: stage.docComment ? { kind: 'markdown', value: stage.docComment } : undefined,
    sortText: String(stage.index).padStart(6, '0'),
    textEdit: { range, newText: label },
    data: { source: ITEM_MARK, stage: stage.index },
  };
}

function completionContext(model: StageModel, pos: Position): CompletionContext | undefined {
  const line = lineText(model, pos.line);
  const cursor = Math.min(pos.character, line.length);
  let start = cursor;
  while (start > 0 && !isSpace(line.charCodeAt(start - 1))) start--;
  let end = cursor;
  while (end < line.length && !isSpace(line.charCodeAt(end))) end++;
  const typed = line.slice(start, cursor);
  const at = (character: number): Position => ({ line: pos.line, character });

  const instruction = findContaining(model.dockerfile.getInstructions(), pos, (i) => i.getRange());
  const anchor = instruction?.getRange().start ?? at(0);
  const keyword = instruction ? instruction.getKeyword() : firstWord(line).toUpperCase();
  if (keyword !== 'COPY' && keyword !== 'RUN' && keyword !== 'FROM') return undefined;
  if (!inFlagPosition(instruction, line, at(start), start)) return undefined;

  if (keyword === 'COPY' && typed.startsWith('--from=')) {
    return { kind: 'copy-from', replace: { start: at(start + 7), end: at(end) }, anchor };
  }
  if (keyword === 'RUN' && typed.startsWith('--mount=')) {
    const optionStart = Math.max(start + 8, line.lastIndexOf(',', cursor - 1) + 1);
    if (!line.startsWith('from=', optionStart) || optionStart + 5 > cursor) return undefined;
    const comma = line.indexOf(',', cursor);
    const optionEnd = comma >= 0 && comma < end ? comma : end;
    return { kind: 'mount-from', replace: { start: at(optionStart + 5), end: at(optionEnd) }, anchor };
  }
  // A tag or digest (`node:`, `alpine@`) makes the word an image reference, never a stage name: the
  // base completion answers there (image tags, only when dockerHubLookups allows the network).
  if (keyword === 'FROM' && !typed.startsWith('-') && !/[:@]/.test(typed)) {
    return { kind: 'from', replace: { start: at(start), end: at(end) }, anchor };
  }
  return undefined;
}

/**
 * Flags (and the FROM image) come before every other argument. True when no non-flag argument of the
 * instruction starts before the word at `wordStart`.
 */
function inFlagPosition(instruction: Instruction | undefined, line: string, wordStart: Position, startChar: number): boolean {
  if (instruction) {
    if (comparePositions(instruction.getInstructionRange().end, wordStart) > 0) return false;
    return !instruction.getArguments().some((a) => comparePositions(a.getRange().start, wordStart) < 0);
  }
  // No parsed instruction here: read the line; its first word is the keyword.
  const before = line.slice(0, startChar).trim();
  return before !== '' && before.split(/\s+/).slice(1).every((w) => w.startsWith('--'));
}

function lineText(model: StageModel, line: number): string {
  const text = model.document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return text.replace(/(\r\n|\r|\n)$/, '');
}

function firstWord(line: string): string {
  const m = /^\s*(\S+)/.exec(line);
  return m ? m[1] : '';
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}
