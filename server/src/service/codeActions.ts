/**
 * Code actions: quick fixes for our diagnostics in the range, the refactors offered there, and
 * `source.fixAll.dockerfile-stages` (every safe rule's preferred fix at once, only when asked for).
 *
 * Two ways to answer: eagerly (every action with its edit), or, for a client that resolves code actions,
 * a cheap list (titles, kinds, diagnostics, no edits, no build-context reads) whose edits are computed in
 * `codeAction/resolve`. Each listed action carries `data` = { uri, version, id, range }: a resolve for
 * another version is refused, never answered with edits at the wrong place.
 * Fixes are computed on the current model from the current diagnostics (cached per version by the
 * caller), so a stale diagnostic sent by the client never produces an edit either.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { analysisOf } from './analysis';
import { computeDiagnostics, DIAGNOSTIC_SOURCE } from './diagnostics';
import type { StageModel } from './model';
import { comparePositions } from './positions';
import { documentEdit } from './refactors/edits';
import { actionsOf, refactorById, refactors } from './refactors/registry';
import type { ContextFiles } from './refactors/ecosystems/types';
import { ruleById } from './rules/registry';
import type { FileFacts } from './facts/files';
import type { RuleContext } from './rules/types';
import type { Settings } from '../protocol';

export const FIX_ALL_KIND = 'source.fixAll.dockerfile-stages';
const FIX_ALL_TITLE = 'Fix all safe Dockerfile Stages problems';

/** What code actions are computed from: one document version's model and its current diagnostics. */
export interface CodeActionInput extends RuleContext {
  /** Our diagnostics for this model, settings and files (computeDiagnostics, cached on the version's analysis). */
  diagnostics: Diagnostic[];
  /** Read access to the build context; only read when an edit is computed. */
  context?: ContextFiles;
}

export interface CodeActionQuery {
  range: Range;
  /** The diagnostics the client sends for the range. */
  diagnostics: Diagnostic[];
  /** The kinds asked for (a kind also asks for its sub-kinds); none means every kind but fix-all. */
  only?: string[];
}

/** The `data` of a listed action: enough to compute its edit later, for this document version only. */
export interface CodeActionData {
  uri: string;
  version: number;
  /** `fixAll`, `ignore` (the comment for the action's diagnostic), `quickfix:<n>` (the n-th fix of the action's diagnostic) or `refactor:<refactor id>:<n>`. */
  id: string;
  range: Range;
}

export interface CodeActionRefusal {
  error: string;
}

export function isCodeActionRefusal(v: unknown): v is CodeActionRefusal {
  return !!v && typeof v === 'object' && 'error' in v && !('title' in v);
}

/** Whether an action of `kind` is wanted when the client asked for `only` (a kind or any parent kind of it). */
function wanted(kind: string | undefined, only: string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  if (!kind) return false;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

/** Fix-all is offered only when asked for by kind (`source`, `source.fixAll` or ours), never by default. */
function fixAllWanted(only: string[] | undefined): boolean {
  return !!only && only.length > 0 && wanted(FIX_ALL_KIND, only);
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

/**
 * The actions at the range. `lazy`: without edits (and without reading the build context), each with
 * `data` for `resolveCodeAction`; otherwise every action with its edit.
 */
export function listCodeActions(input: CodeActionInput, query: CodeActionQuery, { lazy }: { lazy: boolean }): CodeAction[] {
  const { model } = input;
  const tag = (action: CodeAction, id: string): CodeAction => {
    // A disabled action has no edit to resolve: it is listed as it is, with its reason.
    if (!lazy || action.disabled) return action;
    const { edit: _edit, ...listed } = action;
    const data: CodeActionData = { uri: model.uri, version: model.version, id, range: query.range };
    return { ...listed, data };
  };
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix, query.only)) {
    for (const asked of query.diagnostics) quickFixes(input, asked).forEach((fix, n) => actions.push(tag({ ...fix, diagnostics: [asked] }, `quickfix:${n}`)));
  }
  const refactorCtx = { model, range: query.range, settings: input.settings, files: input.files, context: lazy ? undefined : input.context };
  for (const refactor of refactors) {
    if (!wanted(refactor.kind, query.only)) continue;
    actionsOf(refactor, refactorCtx)
      // One action per title: a refactor already offered as a diagnostic's quick fix is not listed twice.
      .filter((a) => wanted(a.kind, query.only) && !actions.some((listed) => listed.title === a.title))
      .forEach((action, n) => actions.push(tag(action, `refactor:${refactor.id}:${n}`)));
  }
  if (wanted(CodeActionKind.QuickFix, query.only)) {
    const fresh = query.diagnostics.filter((asked) => input.diagnostics.some((d) => d.code === asked.code && sameRange(d.range, asked.range)));
    // Fix-all also in Ctrl+. (as a quick fix, not only under Source Action…) beside a fixable finding,
    // when it fixes more than one.
    const fixable = input.diagnostics.filter(hasSafeFix).length;
    if (fixable > 1 && fresh.some(hasSafeFix)) {
      const fixAll = lazy ? { title: FIX_ALL_TITLE } : fixAllAction(input, input.diagnostics);
      if (fixAll) actions.push(tag({ ...fixAll, title: `Fix all safe problems (${fixable})`, kind: CodeActionKind.QuickFix }, 'fixAll'));
    }
    ignoreActions(model, fresh).forEach((action) => actions.push(tag(action, 'ignore')));
  }
  if (fixAllWanted(query.only)) {
    if (lazy) {
      if (input.diagnostics.some(hasSafeFix)) actions.push(tag({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND }, 'fixAll'));
    } else {
      const fixAll = fixAllAction(input, input.diagnostics);
      if (fixAll) actions.push(fixAll);
    }
  }
  return onePerTitle(actions);
}

/**
 * One action per title (and, when edits are computed, per edit): a rule's quick fix and the refactor
 * it calls would otherwise both show in Ctrl+.; the first (the quick fix, which carries its
 * diagnostic) is kept. Fix-all under its source kind is another menu and stays.
 */
function onePerTitle(actions: CodeAction[]): CodeAction[] {
  const titles = new Set<string>();
  const edits = new Set<string>();
  return actions.filter((a) => {
    if (a.kind === FIX_ALL_KIND) return true;
    const edit = a.edit ? JSON.stringify(a.edit) : undefined;
    if (titles.has(a.title) || (edit && edits.has(edit))) return false;
    titles.add(a.title);
    if (edit) edits.add(edit);
    return true;
  });
}

/**
 * "Ignore <rule> on this line": `# dockerfile-stages ignore=<id>` above the instruction holding the
 * finding.
 */
function ignoreActions(model: StageModel, requested: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  const lines = model.document.getText().split(/\r?\n/);
  for (const d of requested) {
    if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string' || !ruleById(d.code)) continue;
    const instruction = model.dockerfile.getInstructions().find((i) => i.getRange().start.line <= d.range.start.line && d.range.start.line <= i.getRange().end.line);
    const line = instruction ? instruction.getRange().start.line : d.range.start.line;
    const indent = /^[ \t]*/.exec(lines[line] ?? '')?.[0] ?? '';
    // A byte order mark stays the first character of the file: the comment goes after it.
    const at = { line, character: line === 0 && (lines[0] ?? '').startsWith('\uFEFF') ? 1 : 0 };
    out.push({
      title: `Ignore ${d.code} on this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: documentEdit(model, [{ range: { start: at, end: at }, newText: `${indent}# dockerfile-stages ignore=${d.code}\n` }]),
    });
  }
  return out;
}

/**
 * The listed action with its edit, computed now on `input` (the current version); refused when the
 * document changed since the action was listed or the action no longer applies. Actions that carry no
 * data of ours come back unchanged.
 */
export function resolveCodeAction(input: CodeActionInput, action: CodeAction): CodeAction | CodeActionRefusal {
  const data = action.data as Partial<CodeActionData> | undefined;
  if (!data || typeof data.id !== 'string' || typeof data.uri !== 'string' || typeof data.version !== 'number' || !isRange(data.range)) return action;
  if (data.uri !== input.model.uri || data.version !== input.model.version) return { error: 'The document changed since this action was offered; ask for code actions again.' };
  const resolved = computeListed(input, action, data as CodeActionData);
  if (!resolved?.edit) return { error: `'${action.title}' no longer applies here.` };
  return { ...action, edit: resolved.edit };
}

function computeListed(input: CodeActionInput, action: CodeAction, data: CodeActionData): CodeAction | undefined {
  const [what, first, second] = data.id.split(':');
  if (what === 'fixAll') return fixAllAction(input, input.diagnostics);
  if (what === 'ignore') {
    const asked = action.diagnostics?.[0];
    const fresh = asked && input.diagnostics.some((d) => d.code === asked.code && sameRange(d.range, asked.range));
    return fresh ? ignoreActions(input.model, [asked])[0] : undefined;
  }
  if (what === 'quickfix') {
    const asked = action.diagnostics?.[0];
    return asked ? pick(quickFixes(input, asked), action.title, Number(first)) : undefined;
  }
  const refactor = what === 'refactor' ? refactorById(first) : undefined;
  if (!refactor) return undefined;
  const offered = actionsOf(refactor, { model: input.model, range: data.range, settings: input.settings, files: input.files, context: input.context });
  return pick(offered, action.title, Number(second));
}

/** The action titled `title`, else (a title may sharpen once the build context is read) the n-th. */
function pick(actions: CodeAction[], title: string, n: number): CodeAction | undefined {
  return actions.find((a) => a.title === title) ?? actions[n];
}

function isRange(v: unknown): v is Range {
  const r = v as Range | undefined;
  return !!r && typeof r.start?.line === 'number' && typeof r.start.character === 'number' && typeof r.end?.line === 'number' && typeof r.end.character === 'number';
}

/**
 * Every action eagerly, from a fresh analysis: for callers without a diagnostics cache (tests, the
 * bench, the fuzz invariants).
 */
export function computeCodeActions(
  model: StageModel,
  range: Range,
  diagnostics: Diagnostic[],
  only: string[] | undefined,
  settings: Settings,
  files: FileFacts,
  context?: ContextFiles,
): CodeAction[] {
  const analysis = analysisOf(model);
  const current = computeDiagnostics({ model, settings, files, analysis });
  return listCodeActions({ model, analysis, settings, files, context, diagnostics: current }, { range, diagnostics, only }, { lazy: false });
}

/** The fixes of the current diagnostic matching one the client sent (ours, same code and range). */
function quickFixes(input: CodeActionInput, asked: Diagnostic): CodeAction[] {
  if (asked.source !== DIAGNOSTIC_SOURCE || typeof asked.code !== 'string') return [];
  const rule = ruleById(asked.code);
  const fresh = input.diagnostics.find((d) => d.code === asked.code && sameRange(d.range, asked.range));
  if (!rule?.fix || !fresh) return [];
  return safely(() => rule.fix!(input, fresh));
}

function hasSafeFix(diagnostic: Diagnostic): boolean {
  const rule = typeof diagnostic.code === 'string' ? ruleById(diagnostic.code) : undefined;
  return !!rule?.safeFix && !!rule.fix;
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

/**
 * Every safe rule's preferred fix, as one edit; overlapping edits after the first are left for the next
 * run. Also what `dockerfile-stages fix` applies (called directly, not through code actions).
 */
export function fixAllAction(ctx: RuleContext, diagnostics: Diagnostic[]): CodeAction | undefined {
  const all: TextEdit[] = [];
  const seen = new Set<string>();
  for (const diagnostic of diagnostics) {
    if (!hasSafeFix(diagnostic)) continue;
    const rule = ruleById(diagnostic.code as string)!;
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
  return { title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: documentEdit(ctx.model, kept) };
}
