/**
 * Code actions: quick fixes for our diagnostics in the range, the refactors offered there, and
 * `source.fixAll.dockerfile-stages`, which applies every safe rule's preferred fix at once.
 * Fixes are computed on the current model from a fresh analysis, so a stale diagnostic sent by the
 * client never produces an edit at the wrong place; edits are versioned (model.version).
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { computeDiagnostics, DIAGNOSTIC_SOURCE } from './diagnostics';
import type { StageModel } from './model';
import { comparePositions } from './positions';
import { documentEdit } from './refactors/edits';
import { refactorActions } from './refactors/registry';
import type { ContextFiles } from './refactors/ecosystems/types';
import { ruleById } from './rules/registry';
import type { FileFacts, RuleContext } from './rules/types';
import type { Settings } from './settings';

export const FIX_ALL_KIND = 'source.fixAll.dockerfile-stages';

/** Whether an action of `kind` is wanted when the client asked for `only` (a kind or any parent kind of it). */
function wanted(kind: string | undefined, only: string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  if (!kind) return false;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

export function computeCodeActions(
  model: StageModel,
  range: Range,
  diagnostics: Diagnostic[],
  only: string[] | undefined,
  settings: Settings,
  files: FileFacts,
  context?: ContextFiles,
): CodeAction[] {
  const ctx: RuleContext = { model, settings, files };
  const actions: CodeAction[] = [];
  const current = computeDiagnostics(ctx);
  if (wanted(CodeActionKind.QuickFix, only)) {
    const fresh = diagnostics.filter((asked) => current.some((d) => d.code === asked.code && sameRange(d.range, asked.range)));
    actions.push(...quickFixes(ctx, diagnostics, current), ...ignoreActions(model, fresh));
    // Fix-all also in Ctrl+. (a quickfix), not only under Source Action…, when it fixes more than one
    // finding and one of them is where the user asked.
    const fixAll = fresh.length > 0 ? fixAllAction(ctx, current) : undefined;
    const fixed = fixAll?.diagnostics ?? [];
    if (fixAll && fixed.length > 1 && fresh.some((a) => fixed.some((f) => f.code === a.code && sameRange(f.range, a.range)))) {
      actions.push({ ...fixAll, title: `Fix all safe problems (${fixed.length})`, kind: CodeActionKind.QuickFix, diagnostics: undefined });
    }
  }
  if (!only || only.some((o) => o === 'refactor' || o.startsWith('refactor') || 'refactor'.startsWith(o))) {
    actions.push(...refactorActions({ model, range, settings, files, context }).filter((a) => wanted(a.kind, only)));
  }
  const explicitFixAll = !!only && only.length > 0 && wanted(FIX_ALL_KIND, only);
  if (explicitFixAll || !only || only.length === 0) {
    const fixAll = fixAllAction(ctx, current);
    if (fixAll) actions.push({ ...fixAll, diagnostics: undefined });
  }
  return onePerTitle(actions);
}

/**
 * One action per title and per edit: a rule's quick fix and the refactor it calls (Extract builder
 * stage; Remove unused stage / Remove stage) would otherwise show twice in Ctrl+.; the first one
 * (the quick fix, which carries its diagnostic) is kept.
 */
function onePerTitle(actions: CodeAction[]): CodeAction[] {
  const titles = new Set<string>();
  const edits = new Set<string>();
  return actions.filter((a) => {
    if (a.kind === FIX_ALL_KIND) return true; // shown only under Source Action…, never beside the quick fixes
    const edit = a.edit ? JSON.stringify(a.edit) : undefined;
    if (titles.has(a.title) || (edit && edits.has(edit))) return false;
    titles.add(a.title);
    if (edit) edits.add(edit);
    return true;
  });
}

/** "Ignore <rule> on this line": `# dockerfile-stages ignore=<id>` above the instruction holding the finding. */
function ignoreActions(model: StageModel, requested: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  const lines = model.document.getText().split(/\r?\n/);
  for (const d of requested) {
    if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string' || !ruleById(d.code)) continue;
    const instruction = model.dockerfile.getInstructions().find((i) => i.getRange().start.line <= d.range.start.line && d.range.start.line <= i.getRange().end.line);
    const line = instruction ? instruction.getRange().start.line : d.range.start.line;
    const indent = /^[ \t]*/.exec(lines[line] ?? '')?.[0] ?? '';
    const at = { line, character: 0 };
    out.push({
      title: `Ignore ${d.code} on this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: documentEdit(model, [{ range: { start: at, end: at }, newText: `${indent}# dockerfile-stages ignore=${d.code}\n` }]),
    });
  }
  return out;
}

function quickFixes(ctx: RuleContext, requested: Diagnostic[], current: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const asked of requested) {
    if (asked.source !== DIAGNOSTIC_SOURCE || typeof asked.code !== 'string') continue;
    const rule = ruleById(asked.code);
    const fresh = current.find((d) => d.code === asked.code && sameRange(d.range, asked.range));
    if (!rule?.fix || !fresh) continue;
    for (const action of safely(() => rule.fix!(ctx, fresh))) out.push({ ...action, diagnostics: [asked] });
  }
  return out;
}

function safely(f: () => CodeAction[]): CodeAction[] {
  try {
    return f();
  } catch {
    return [];
  }
}

/** The text edits an action makes to the model's document (empty when it touches anything else). */
function documentEdits(ctx: RuleContext, action: CodeAction): TextEdit[] | undefined {
  const changes = action.edit?.documentChanges;
  if (!changes) return undefined;
  const edits: TextEdit[] = [];
  for (const change of changes) {
    if (!('textDocument' in change) || change.textDocument.uri !== ctx.model.uri) return undefined;
    for (const e of change.edits) if ('range' in e) edits.push(e);
  }
  return edits;
}

/** Every safe rule's preferred fix, as one edit; overlapping edits after the first are left for the next run. */
export function fixAllAction(ctx: RuleContext, diagnostics: Diagnostic[]): CodeAction | undefined {
  const all: TextEdit[] = [];
  const seen = new Set<string>();
  const fixed: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const rule = typeof diagnostic.code === 'string' ? ruleById(diagnostic.code) : undefined;
    if (!rule?.safeFix || !rule.fix) continue;
    const preferred = safely(() => rule.fix!(ctx, diagnostic)).find((a) => a.isPreferred);
    const edits = preferred && documentEdits(ctx, preferred);
    if (!edits) continue;
    fixed.push(diagnostic);
    for (const edit of edits) {
      const key = JSON.stringify(edit);
      if (!seen.has(key)) {
        seen.add(key);
        all.push(edit);
      }
    }
  }
  const sorted = all.map((edit, order) => ({ edit, order })).sort((a, b) => comparePositions(a.edit.range.start, b.edit.range.start) || a.order - b.order);
  const kept: TextEdit[] = [];
  for (const { edit } of sorted) {
    const last = kept[kept.length - 1];
    if (last && comparePositions(edit.range.start, last.range.end) < 0) continue;
    kept.push(edit);
  }
  if (kept.length === 0) return undefined;
  return { title: 'Fix all safe Dockerfile Stages problems', kind: FIX_ALL_KIND, edit: documentEdit(ctx.model, kept), diagnostics: fixed };
}
