/**
 * The outline: global ARGs at the top level, then one symbol per stage holding its instructions.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Instruction } from 'dockerfile-ast';
import { stageLabel, stageTitle } from './facts/labels';
import { stageAnchor, targetStage, type Stage, type StageModel } from './model';

const MAX_NAME = 60;
/** Continuation lines read for an instruction's summary; the name is capped anyway. */
const MAX_SUMMARY_LINES = 8;

const KINDS: Record<string, SymbolKind> = {
  RUN: SymbolKind.Function,
  CMD: SymbolKind.Method,
  ENTRYPOINT: SymbolKind.Method,
  HEALTHCHECK: SymbolKind.Method,
  SHELL: SymbolKind.Method,
  COPY: SymbolKind.File,
  ADD: SymbolKind.File,
  ARG: SymbolKind.Variable,
  ENV: SymbolKind.Variable,
  ONBUILD: SymbolKind.Event,
};

export function documentSymbols(model: StageModel): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = model.globalArgs.map((arg) => ({
    // `ARG =x` has an empty name, and VS Code rejects a whole outline holding an empty symbol name.
    name: arg.name || 'ARG',
    detail: arg.defaultValue === undefined ? 'global ARG' : `= ${clip(arg.defaultValue)}`,
    kind: SymbolKind.Variable,
    range: arg.instruction.getRange(),
    selectionRange: arg.nameRange,
  }));
  for (const stage of model.stages) symbols.push(stageSymbol(model, stage));
  return symbols;
}

function stageSymbol(model: StageModel, stage: Stage): DocumentSymbol {
  return {
    name: stageTitle(stage),
    detail: baseDetail(model, stage),
    kind: SymbolKind.Module,
    range: stage.range,
    selectionRange: stageAnchor(stage),
    children: stage.instructions.map((i) => instructionSymbol(model, i)),
  };
}

function baseDetail(model: StageModel, stage: Stage): string {
  const base = stage.fromReference ? targetStage(model, stage.fromReference) : undefined;
  if (!base) return clip(stage.baseImage);
  const label = stageLabel(base);
  return stage.baseImage.toLowerCase() === base.normalizedName ? `→ ${label}` : `${clip(stage.baseImage)} → ${label}`;
}

function instructionSymbol(model: StageModel, instruction: Instruction): DocumentSymbol {
  const keyword = instruction.getKeyword();
  const summary = argumentSummary(model, instruction);
  return {
    name: clip(summary ? `${keyword} ${summary}` : keyword),
    kind: KINDS[keyword] ?? SymbolKind.Property,
    range: instruction.getRange(),
    selectionRange: instruction.getInstructionRange(),
  };
}

/**
 * The instruction's arguments on one line: continuation lines joined, comment lines inside them
 * dropped, heredoc bodies left out. Reads at most a few lines of a long instruction.
 */
function argumentSummary(model: StageModel, instruction: Instruction): string {
  const range = instruction.getRange();
  const start = instruction.getInstructionRange().end;
  const lastLine = Math.min(range.end.line, start.line + MAX_SUMMARY_LINES);
  const lines = model.document.getText({ start, end: { line: lastLine + 1, character: 0 } }).split(/\r?\n/);
  const parts: string[] = [];
  for (let i = 0; i <= lastLine - start.line; i++) {
    const line = (lines[i] ?? '').trimEnd();
    if (i > 0 && line.trimStart().startsWith('#')) continue;
    const continued = line.endsWith(model.escapeChar);
    parts.push((continued ? line.slice(0, -1) : line).slice(0, MAX_NAME * 2));
    if (!continued || parts.join(' ').length > MAX_NAME) break;
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

function clip(text: string): string {
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text;
}
