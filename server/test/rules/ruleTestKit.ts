/** Shared by the rule tests: analyse a text, pick one rule's diagnostics, apply its quick fixes. */
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { computeCodeActions } from '../../src/service/codeActions';
import { computeDiagnostics } from '../../src/service/diagnostics';
import { buildModel, type StageModel } from '../../src/service/model';
import { applyTextEdits } from '../../src/service/refactors/edits';
import type { FileFacts } from '../../src/service/facts/files';
import { withDefaults, type Settings } from '../../src/protocol';
import { positionOf } from '../helpers';
import { findingKeys, parseMarkers } from '../markers';

export interface Options {
  settings?: Partial<Settings>;
  files?: FileFacts;
  uri?: string;
}

export function analyze(text: string, options: Options = {}): { model: StageModel; diagnostics: Diagnostic[]; settings: Settings; files: FileFacts } {
  const model = buildModel(text, options.uri ?? 'file:///work/app/Dockerfile', 1);
  const settings = withDefaults(options.settings ?? {});
  const files = options.files ?? {};
  const diagnostics = computeDiagnostics({ model, settings, files }, { onRuleError: (id, e) => assert.fail(`rule ${id} threw: ${(e as Error).stack}`) });
  return { model, diagnostics, settings, files };
}

/** The diagnostics of one rule. */
export function diagnosticsOf(ruleId: string, text: string, options: Options = {}): Diagnostic[] {
  return analyze(text, options).diagnostics.filter((d) => d.code === ruleId);
}

export function fmt(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** The range of the `occurrence`-th `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 1): Range {
  const start = positionOf(text, needle, 0, occurrence);
  const end = positionOf(text, needle, needle.length, occurrence);
  return { start, end };
}

/** The quick fixes offered for the `index`-th diagnostic of a rule. */
export function fixesOf(ruleId: string, text: string, options: Options = {}, index = 0): CodeAction[] {
  const { model, diagnostics, settings, files } = analyze(text, options);
  const diagnostic = diagnostics.filter((d) => d.code === ruleId)[index];
  assert.ok(diagnostic, `no ${ruleId} diagnostic #${index}`);
  // The rule's own fixes: not the generic ignore comment and fix-all every finding gets (codeActions.test.ts).
  return computeCodeActions(model, diagnostic.range, [diagnostic], ['quickfix'], settings, files).filter(
    (a) => !a.title.startsWith('Ignore ') && !a.title.startsWith('Fix all safe problems'),
  );
}

/** Applies an action's edits to the text (only edits to this document). */
export function applyAction(text: string, action: CodeAction): string {
  const edits = (action.edit?.documentChanges ?? []).flatMap((c) => ('textDocument' in c ? c.edits.filter((e) => 'range' in e) : []));
  assert.ok(edits.length > 0, `action '${action.title}' has no text edits`);
  return applyTextEdits(text, edits);
}

/** Applies the fix titled `title` (or the first) of the rule's first diagnostic and returns the new text. */
export function applyFix(ruleId: string, text: string, title?: string, options: Options = {}): string {
  const fixes = fixesOf(ruleId, text, options);
  const fix = title ? fixes.find((f) => f.title === title) : fixes[0];
  assert.ok(fix, `no fix '${title ?? '(any)'}' among: ${fixes.map((f) => f.title).join(', ')}`);
  assert.equal(fix.kind, 'quickfix');
  return applyAction(text, fix);
}

/** Asserts a text gets no diagnostic of the given rules (all of ours when none given) at warning level or above. */
export function assertClean(text: string, ruleIds?: string[], options: Options = {}): void {
  const found = analyze(text, options).diagnostics.filter((d) => (ruleIds ? ruleIds.includes(String(d.code)) : (d.severity ?? 1) <= 2));
  assert.deepEqual(found.map((d) => `${d.code} ${fmt(d.range)} ${d.message}`), []);
}

/**
 * Asserts a marked-up text (see ../markers.ts) gets exactly the marked findings of `ruleIds` (default:
 * the rules named in the markers); returns their diagnostics in document order.
 */
export function assertFindings(annotated: string, ruleIds?: string[], options: Options = {}): Diagnostic[] {
  const { text, expected } = parseMarkers(annotated);
  const ids = ruleIds ?? [...new Set(expected.map((e) => e.ruleId))];
  assert.ok(ids.length > 0, 'no rule to check: mark a finding or name the rules');
  const found = analyze(text, options).diagnostics.filter((d) => ids.includes(String(d.code)));
  assert.deepEqual(findingKeys(found.map((d) => ({ ruleId: String(d.code), range: d.range }))), findingKeys(expected.filter((e) => ids.includes(e.ruleId))));
  return found;
}

/** Asserts what a diagnostic says: its `messageId` and (a subset of) the `data` its message is filled from. */
export function assertSays(d: Diagnostic | undefined, messageId: string, data: Record<string, unknown> = {}): void {
  assert.ok(d, `no diagnostic saying ${messageId}`);
  const got = (d.data ?? {}) as Record<string, unknown>;
  assert.deepEqual({ messageId: got.messageId, ...Object.fromEntries(Object.keys(data).map((k) => [k, got[k]])) }, { messageId, ...data });
}

/** `[line:char-line:char] messageId {data…}` of one rule's diagnostics (data keys as given), for compact assertions. */
export function saysOf(ruleId: string, text: string, keys: string[], options: Options = {}): string[] {
  return diagnosticsOf(ruleId, text, options).map((d) => {
    const data = (d.data ?? {}) as Record<string, unknown>;
    return `${fmt(d.range)} ${String(data.messageId)} ${JSON.stringify(Object.fromEntries(keys.map((k) => [k, data[k]])))}`;
  });
}
