/** Building quick fixes: versioned edits to the document, tied to the diagnostic they fix. */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { StageModel } from '../../model';
import { documentEdit } from '../../refactors/edits';

export function quickFix(model: StageModel, diagnostic: Diagnostic, title: string, edits: TextEdit[], preferred = false): CodeAction {
  return fromEdit(title, documentEdit(model, edits), diagnostic, preferred);
}

export function fromEdit(title: string, edit: WorkspaceEdit, diagnostic: Diagnostic, preferred = false): CodeAction {
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
  if (preferred) action.isPreferred = true;
  return action;
}

/** A refactor's action offered as the quick fix of a diagnostic (same edit, quick-fix kind, our title). */
export function asQuickFix(action: CodeAction | undefined, diagnostic: Diagnostic, title?: string, preferred = false): CodeAction | undefined {
  if (!action) return undefined;
  const fix: CodeAction = { ...action, title: title ?? action.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
  if (preferred) fix.isPreferred = true;
  else delete fix.isPreferred;
  return fix;
}

/** Reads a string field of a diagnostic's data. */
export function dataString(diagnostic: Diagnostic, key: string): string | undefined {
  const data = diagnostic.data as Record<string, unknown> | undefined;
  const v = data?.[key];
  return typeof v === 'string' ? v : undefined;
}

export function dataNumber(diagnostic: Diagnostic, key: string): number | undefined {
  const data = diagnostic.data as Record<string, unknown> | undefined;
  const v = data?.[key];
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

export function dataStrings(diagnostic: Diagnostic, key: string): string[] {
  const data = diagnostic.data as Record<string, unknown> | undefined;
  const v = data?.[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
