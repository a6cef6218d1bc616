/**
 * What the build uses of Compose, Bake and workflow files mean for the Dockerfiles they build:
 * diagnostics, definition, hover, completion and quick fixes in those files; and from a Dockerfile,
 * which of its stages are targets elsewhere (references, rename, hover, lens, reachability).
 * Pure: uses and stage models in, LSP data out. The caller says how to find a Dockerfile's model.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type Location,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { buildModel, findStageByName, stageAnchor, type Stage, type StageModel } from '../model';
import { stageSummary } from '../hover';
import { rangeContains } from '../positions';
import { closeNames } from '../facts/closeNames';
import { ruleDocsUrl } from '../ruleDocs';
import { stageNameProblem } from '../stageNames';
import { stageTargetAt } from '../stageTarget';
import { uriKey } from './paths';
import type { BuildUse, ValueSpan } from './types';

/** A Dockerfile's model; 'missing' when the file does not exist; undefined when it cannot be known (unreadable, too big). */
export type DockerfileLookup = (uri: string) => StageModel | 'missing' | undefined;

export const CROSS_FILE_MESSAGES = {
  'unknown-build-target': {
    unknownTarget: "Target '{target}' names no stage of {dockerfile}.{suggestion}",
    unnamedTarget: "Target '{target}': --target selects stages by name only, and stage {target} has no name. Name it (AS <name>) and use the name.",
    indexTarget: "Target '{target}': --target selects stages by name only; stage {target} is named '{name}'.",
  },
  'missing-dockerfile': {
    missing: 'Dockerfile {dockerfile} does not exist.',
  },
} as const;

export type CrossFileCode = keyof typeof CROSS_FILE_MESSAGES;

/** One line per check, for docs, settings and SARIF. */
export const CROSS_FILE_CHECKS: Record<CrossFileCode, string> = {
  'unknown-build-target': 'A Compose, Bake or workflow target that names no stage of the Dockerfile it builds (or a stage by index).',
  'missing-dockerfile': 'A Compose, Bake or workflow build whose Dockerfile does not exist.',
};
const SOURCE = 'dockerfile-stages';

function render(code: CrossFileCode, messageId: string, data: Record<string, unknown>): string {
  const template = (CROSS_FILE_MESSAGES[code] as Record<string, string>)[messageId];
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** The model a use builds: its inline Dockerfile, or the file it names. */
export function modelOfUse(use: BuildUse, lookup: DockerfileLookup): StageModel | 'missing' | undefined {
  if (use.inline) return buildModel(use.inline.value, `${use.uri}#${encodeURIComponent(use.label)}`);
  return use.dockerfileUri ? lookup(use.dockerfileUri) : undefined;
}

/** Whether a target value can be checked at all (no variables left in it). */
function checkable(span: ValueSpan | undefined): span is ValueSpan {
  return !!span && span.value !== '' && !span.value.includes('$');
}

/** The stage a target names, the way `--target` resolves it: by name, case-insensitively, the last of that name. */
export function stageOfTarget(model: StageModel, value: string): Stage | undefined {
  return findStageByName(model, value);
}

function displayPath(use: BuildUse): string {
  if (use.inline) return 'the inline Dockerfile';
  const uri = use.dockerfileUri ?? '';
  return uri.slice(uri.lastIndexOf('/', uri.lastIndexOf('/') - 1) + 1) || 'the Dockerfile';
}

function diagnostic(code: CrossFileCode, messageId: string, range: Range, data: Record<string, unknown>): Diagnostic {
  return {
    range,
    severity: DiagnosticSeverity.Error,
    code,
    codeDescription: { href: ruleDocsUrl(code) },
    source: SOURCE,
    message: render(code, messageId, data),
    data: { messageId, ...data },
  };
}

const SEVERITIES: Record<string, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };

/**
 * Problems in the file `uri`: targets naming no stage, and Dockerfiles that do not exist. `rules`
 * (the `dockerfileStages.rules` setting) may set either check's severity or turn it 'off'.
 */
export function crossFileDiagnostics(uri: string, uses: readonly BuildUse[], lookup: DockerfileLookup, rules: Record<string, unknown> = {}): Diagnostic[] {
  const out = rawDiagnostics(uri, uses, lookup);
  return out.flatMap((d) => {
    const configured = rules[String(d.code)];
    if (configured === 'off') return [];
    const severity = typeof configured === 'string' ? SEVERITIES[configured] : undefined;
    return severity ? [{ ...d, severity }] : [d];
  });
}

function rawDiagnostics(uri: string, uses: readonly BuildUse[], lookup: DockerfileLookup): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const key = uriKey(uri);
  const push = (d: Diagnostic) => {
    const id = `${d.code}:${d.range.start.line}:${d.range.start.character}:${d.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(d);
    }
  };
  for (const use of uses) {
    const model = modelOfUse(use, lookup);
    if (model === 'missing') {
      const span = use.dockerfileSpan;
      if (span && uriKey(span.uri) === key) push(diagnostic('missing-dockerfile', 'missing', span.range, { dockerfile: span.value, resolved: use.dockerfileUri }));
      continue;
    }
    const target = use.target;
    if (!model || !checkable(target) || uriKey(target.uri) !== key) continue;
    if (stageOfTarget(model, target.value)) continue;
    const dockerfile = displayPath(use);
    if (/^\d+$/.test(target.value) && model.stages[Number(target.value)]) {
      const stage = model.stages[Number(target.value)];
      if (stage.name) push(diagnostic('unknown-build-target', 'indexTarget', target.range, { target: target.value, name: stage.name, suggestions: [stage.name], dockerfile }));
      else push(diagnostic('unknown-build-target', 'unnamedTarget', target.range, { target: target.value, suggestions: [], dockerfile }));
      continue;
    }
    const names = model.stages.filter((s) => s.name).map((s) => s.name as string);
    const suggestions = closeNames(target.value, names);
    const suggestion = suggestions.length ? ` Did you mean '${suggestions[0]}'?` : names.length ? ` Its stages: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}.` : ' It has no named stage.';
    push(diagnostic('unknown-build-target', 'unknownTarget', target.range, { target: target.value, dockerfile, suggestions, suggestion }));
  }
  return out;
}

/** Quick fixes for our diagnostics in a Compose/Bake/workflow file: replace the target by a suggested stage name. */
export function crossFileCodeActions(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== SOURCE || d.code !== 'unknown-build-target') continue;
    const data = d.data as { suggestions?: unknown; target?: unknown } | undefined;
    const suggestions = Array.isArray(data?.suggestions) ? data.suggestions.filter((s): s is string => typeof s === 'string') : [];
    suggestions.forEach((name, i) => {
      const action: CodeAction = {
        title: `Change target to '${name}'`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: { changes: { [uri]: [{ range: d.range, newText: name }] } },
      };
      if (i === 0) action.isPreferred = true;
      actions.push(action);
    });
  }
  return actions;
}

interface UseAt {
  use: BuildUse;
  span: ValueSpan;
  what: 'target' | 'dockerfile';
  /** The range under the cursor: the value, or where a bake attribute reads it through a variable. */
  range: Range;
}

/** On a value (or where a bake attribute reads it from a variable), or (for an empty `target:`) anywhere after it on its line. */
function onSpan(span: ValueSpan, key: string, pos: Position): boolean {
  if (span.writtenAt && uriKey(span.writtenAt.uri) === key && rangeContains(span.writtenAt.range, pos)) return true;
  if (uriKey(span.uri) !== key) return false;
  if (rangeContains(span.range, pos)) return true;
  return span.value === '' && pos.line === span.range.start.line && pos.character >= span.range.start.character;
}

function useAt(uri: string, uses: readonly BuildUse[], pos: Position): UseAt | undefined {
  const key = uriKey(uri);
  for (const use of uses) {
    if (use.target && onSpan(use.target, key, pos)) {
      const written = use.target.writtenAt && uriKey(use.target.writtenAt.uri) === key && rangeContains(use.target.writtenAt.range, pos);
      return { use, span: use.target, what: 'target', range: written ? use.target.writtenAt!.range : use.target.range };
    }
  }
  for (const use of uses) {
    const span = use.dockerfileSpan;
    if (span && use.dockerfileUri && uriKey(span.uri) === key && rangeContains(span.range, pos)) return { use, span, what: 'dockerfile', range: span.range };
  }
  return undefined;
}

/** Where an inline Dockerfile's range sits in the file holding it. */
function inlineRange(use: BuildUse, range: Range): Range {
  const map = use.inline?.lineMap;
  if (!map || !use.inline) return use.inline?.range ?? range;
  const at = (p: Position): Position => ({ line: map.firstLine + p.line, character: map.indent + p.character });
  return { start: at(range.start), end: at(range.end) };
}

function stageLocation(use: BuildUse, model: StageModel, stage: Stage): Location {
  if (use.inline) return { uri: use.uri, range: inlineRange(use, stageAnchor(stage)) };
  return { uri: model.uri, range: stageAnchor(stage) };
}

/**
 * The `target` value at `pos` and the stage of a Dockerfile file it names: where a rename or a
 * find-references started in a Compose/Bake/workflow file goes on, as if started on the stage.
 * A stage of an inline Dockerfile is not offered (its text lives in this file's YAML string).
 */
export function crossFileTargetAt(uri: string, uses: readonly BuildUse[], lookup: DockerfileLookup, pos: Position): { range: Range; model: StageModel; stage: Stage } | null {
  const at = useAt(uri, uses, pos);
  if (!at || at.what !== 'target' || at.use.inline) return null;
  const model = modelOfUse(at.use, lookup);
  if (!model || model === 'missing') return null;
  const stage = stageOfTarget(model, at.span.value);
  return stage?.name ? { range: at.range, model, stage } : null;
}

/** Go to the stage a `target` names, or to the Dockerfile a `dockerfile`/`file` value names. */
export function crossFileDefinition(uri: string, uses: readonly BuildUse[], lookup: DockerfileLookup, pos: Position): Location | null {
  const at = useAt(uri, uses, pos);
  if (!at) return null;
  const model = modelOfUse(at.use, lookup);
  if (at.what === 'dockerfile') return model && model !== 'missing' ? { uri: model.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } : null;
  if (!model || model === 'missing') return null;
  const stage = stageOfTarget(model, at.span.value);
  return stage ? stageLocation(at.use, model, stage) : null;
}

/** The stage summary the Dockerfile hover shows, on a `target` value. */
export function crossFileHover(uri: string, uses: readonly BuildUse[], lookup: DockerfileLookup, pos: Position, buildUsers: (model: StageModel, stage: Stage) => readonly string[] = () => []): Hover | null {
  const at = useAt(uri, uses, pos);
  if (!at || at.what !== 'target') return null;
  const model = modelOfUse(at.use, lookup);
  if (!model || model === 'missing') return null;
  const stage = stageOfTarget(model, at.span.value);
  if (!stage) return null;
  return { contents: { kind: 'markdown', value: `${stageSummary(model, stage, buildUsers(model, stage))}\n\nin ${displayPath(at.use)}` }, range: at.range };
}

/** Stage names of the Dockerfile, offered on a `target` value (named stages only: `--target` takes names). */
export function crossFileCompletion(uri: string, uses: readonly BuildUse[], lookup: DockerfileLookup, pos: Position): CompletionItem[] | null {
  const at = useAt(uri, uses, pos);
  if (!at || at.what !== 'target') return null;
  const model = modelOfUse(at.use, lookup);
  if (!model || model === 'missing') return null;
  const last = new Map<string, Stage>();
  for (const stage of model.stages) if (stage.normalizedName) last.set(stage.normalizedName, stage);
  const range = at.span.value === '' ? { start: pos, end: pos } : at.range;
  return [...last.values()].map((stage, i) => ({
    label: stage.name as string,
    kind: CompletionItemKind.Reference,
    detail: `stage ${stage.index} · FROM ${stage.baseImage}`,
    sortText: String(i).padStart(4, '0'),
    textEdit: { range, newText: stage.name as string },
  }));
}

// ---- From the Dockerfile side ----

/** The uses whose target is `stage` of the Dockerfile `model`. */
export function usesTargeting(model: StageModel, stage: Stage, uses: readonly BuildUse[]): BuildUse[] {
  const key = uriKey(model.uri);
  return uses.filter((u) => !u.inline && u.dockerfileUri && uriKey(u.dockerfileUri) === key && checkable(u.target) && stageOfTarget(model, u.target.value) === stage);
}

/** Per stage index, the labels of who builds it as a target (`compose service api`). */
export function buildUsersByStage(model: StageModel, uses: readonly BuildUse[]): Map<number, string[]> {
  const key = uriKey(model.uri);
  const out = new Map<number, string[]>();
  for (const u of uses) {
    if (u.inline || !u.dockerfileUri || uriKey(u.dockerfileUri) !== key || !checkable(u.target)) continue;
    const stage = stageOfTarget(model, u.target.value);
    if (!stage) continue;
    const list = out.get(stage.index) ?? [];
    if (!list.includes(u.label)) list.push(u.label);
    out.set(stage.index, list);
  }
  return out;
}

export function crossFileReferences(model: StageModel, stage: Stage, uses: readonly BuildUse[]): Location[] {
  return usesTargeting(model, stage, uses).map((u) => ({ uri: (u.target as ValueSpan).uri, range: (u.target as ValueSpan).range }));
}

/**
 * The edits renaming `stage` to `newName` makes in other files: every target naming it (and the
 * bake variable default a target reads). Refused when a use cannot be rewritten in place, or a
 * variable default is also read where it does not mean this stage.
 */
export function crossFileRenameEdits(model: StageModel, stage: Stage, newName: string, uses: readonly BuildUse[]): Map<string, TextEdit[]> | { error: string } {
  const problem = stageNameProblem(newName);
  if (problem) return { error: problem };
  const targeting = usesTargeting(model, stage, uses);
  const edits = new Map<string, TextEdit[]>();
  const seen = new Set<string>();
  for (const use of targeting) {
    const span = use.target as ValueSpan;
    if (span.fixed) return { error: `${capitalize(use.label)} names the stage in a way a rename cannot rewrite (${span.fixed}); rename it there by hand.` };
    if (span.viaVariable) {
      const others = uses.filter((u) => !!u.target && u.target.viaVariable === span.viaVariable && uriKey(u.target.uri) === uriKey(span.uri) && !targeting.includes(u));
      if (others.length) return { error: `Variable ${span.viaVariable} also gives the target of ${others[0].label}; rename it there by hand.` };
    }
    const id = `${uriKey(span.uri)}:${span.range.start.line}:${span.range.start.character}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const list = edits.get(span.uri) ?? [];
    list.push({ range: span.range, newText: newName });
    edits.set(span.uri, list);
  }
  return edits;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** References in other files to the stage at `pos` of the Dockerfile (none when the cursor is on no stage). */
export function crossFileReferencesAt(model: StageModel, pos: Position, uses: readonly BuildUse[]): Location[] {
  const target = stageTargetAt(model, pos);
  return target ? crossFileReferences(model, target.stage, uses) : [];
}

/** The edits in other files renaming the stage at `pos` (none when the cursor is on no stage), or why not. */
export function crossFileRenameEditsAt(model: StageModel, pos: Position, newName: string, uses: readonly BuildUse[]): Map<string, TextEdit[]> | { error: string } {
  const target = stageTargetAt(model, pos);
  return target ? crossFileRenameEdits(model, target.stage, newName, uses) : new Map();
}
