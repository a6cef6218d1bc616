/**
 * Code actions: quick fixes for our diagnostics in the range, the refactors offered there, and
 * `source.fixAll.dockerfile-stages`, which applies every safe rule's preferred fix at once.
 * Fixes are computed on the current model from a fresh analysis, so a stale diagnostic sent by the
 * client never produces an edit at the wrong place; edits are versioned (model.version).
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { analysisOf } from './analysis';
import { computeDiagnostics, DIAGNOSTIC_SOURCE } from './diagnostics';
import type { StageModel } from './model';
import { comparePositions } from './positions';
import { documentEdit } from './refactors/edits';
import { refactorActions } from './refactors/registry';
import type { ContextFiles } from './refactors/ecosystems/types';
import { ruleById } from './rules/registry';
import type { FileFacts } from './facts/files';
import type { RuleContext } from './rules/types';
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
  const ctx: RuleContext = { model, settings, files, analysis: analysisOf(model) };
  const actions: CodeAction[] = [];
  const current = computeDiagnostics(ctx);
  if (wanted(CodeActionKind.QuickFix, only)) actions.push(...quickFixes(ctx, diagnostics, current));
  if (!only || only.some((o) => o === 'refactor' || o.startsWith('refactor') || 'refactor'.startsWith(o))) {
    actions.push(...refactorActions({ model, range, settings, files, context }).filter((a) => wanted(a.kind, only)));
  }
  const explicitFixAll = !!only && only.length > 0 && wanted(FIX_ALL_KIND, only);
  if (explicitFixAll || !only || only.length === 0) {
    const fixAll = fixAllAction(ctx, current);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
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
  for (const diagnostic of diagnostics) {
    const rule = typeof diagnostic.code === 'string' ? ruleById(diagnostic.code) : undefined;
    if (!rule?.safeFix || !rule.fix) continue;
    const preferred = safely(() => rule.fix!(ctx, diagnostic)).find((a) => a.isPreferred);
    const edits = preferred && documentEdits(ctx, preferred);
    if (!edits) continue;
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
  return { title: 'Fix all safe Dockerfile Stages problems', kind: FIX_ALL_KIND, edit: documentEdit(ctx.model, kept) };
}
