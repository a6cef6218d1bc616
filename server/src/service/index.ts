/**
 * The service facade: everything the language server, the CLI, the bench and the fuzz invariants
 * call. Each feature answers on one `Analysis` (one document version); the server keeps the current
 * ones in an `AnalysisCache`. Pure: plain data and LSP types in and out, no connection, no disk.
 */
import type { CodeAction, CompletionItem, Diagnostic, Position, Range } from 'vscode-languageserver-types';
import { analysisOf, type Analysis } from './analysis';
import type { BaseService } from './base';
import { computeCodeActions, fixAllAction } from './codeActions';
import { codeLenses as stageCodeLenses, stageSummaries as summaries, type CodeLensOptions } from './codeLens';
import { isStageCompletion, stageCompletions } from './completion';
import { findDefinition } from './definition';
import { computeDiagnostics } from './diagnostics';
import { foldingRanges } from './folding';
import { graphView as view, stageGraph } from './graph';
import { findHighlights } from './highlight';
import { stageHover } from './hover';
import { closeNames } from './facts/closeNames';
import { buildModel, findStageByName, type Stage } from './model';
import { findReferences } from './references';
import type { ContextFiles } from './refactors/ecosystems/types';
import { prepareRename as prepare, renameStage } from './rename';
import type { FileFacts } from './facts/files';
import { semanticTokens as tokens } from './semanticTokens';
import type { Settings, StageSizeInfo } from '../protocol';
import { documentSymbols } from './symbols';

export { Analysis, analysisOf, analyze } from './analysis';
export { BaseService } from './base';
export { FIX_ALL_KIND, isCodeActionRefusal, listCodeActions, resolveCodeAction, type CodeActionInput } from './codeActions';
export type { CodeLensOptions } from './codeLens';
export { DIAGNOSTIC_SOURCE } from './diagnostics';
export { graphToDot, graphToMermaid, type StageGraph } from './graph';
export type { StageModel } from './model';
export type { ContextFiles } from './refactors/ecosystems/types';
export { isRefusal, renameStage, type RenameRefusal } from './rename';
// Model-level, for Dockerfiles known only as a model (read from disk by the cross-file index).
export { findReferences } from './references';
export type { FileFacts } from './facts/files';
export { ruleCatalog, type RuleInfo } from './diagnostics';
export { REPOSITORY_URL, ruleDocsUrl } from './ruleDocs';
export { semanticTokensLegend } from './semanticTokens';
export { defaultSettings, withDefaults, type RuleSeverity, type Settings } from '../protocol';
// Compose, Bake and workflow files (service/crossfile): readers, and the features on their targets.
export {
  buildUsersByStage,
  CROSS_FILE_CHECKS,
  crossFileCodeActions,
  crossFileCompletion,
  crossFileDefinition,
  crossFileDiagnostics,
  crossFileHover,
  crossFileKind,
  crossFileReferencesAt,
  crossFileRenameEditsAt,
  crossFileTargetAt,
  documentKind,
  projectKey,
  readProject,
  uriKey,
  type BuildUse,
  type DockerfileLookup,
  type DocumentKind,
  type HclParser,
  type SourceFile,
} from './crossfile';

export interface VersionedText {
  uri: string;
  version: number;
  getText(): string;
}

/**
 * The current analysis per open document: every request on one version shares one parse and its
 * cached facts. Only the newest version of each uri is kept; closing a document drops it. A new
 * version takes over the instructions its edit left untouched from the one before (model.ts).
 */
export class AnalysisCache {
  private readonly analyses = new Map<string, Analysis>();

  get(doc: VersionedText): Analysis {
    const cached = this.analyses.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    const analysis = analysisOf(buildModel(doc.getText(), doc.uri, doc.version, cached?.model));
    this.analyses.set(doc.uri, analysis);
    return analysis;
  }

  delete(uri: string): void {
    this.analyses.delete(uri);
  }

  get size(): number {
    return this.analyses.size;
  }
}

export interface PublishOptions {
  onRuleError?: (ruleId: string, error: unknown) => void;
}

/** The diagnostics to publish: our rules alone (BuildKit's checks and parse errors included; no second parse). */
export function diagnostics(a: Analysis, settings: Settings, files: FileFacts, options: PublishOptions = {}): Diagnostic[] {
  return computeDiagnostics({ model: a.model, settings, files, analysis: a }, { onRuleError: options.onRuleError });
}

export function codeActions(
  a: Analysis,
  range: Range,
  context: { diagnostics: Diagnostic[]; only?: string[] },
  settings: Settings,
  files: FileFacts,
  contextFiles?: ContextFiles,
): CodeAction[] {
  return computeCodeActions(a.model, range, context.diagnostics, context.only, settings, files, contextFiles);
}

/** Every safe rule's preferred fix at once (the CLI's `fix`), or undefined when there is none. */
export function fixAll(a: Analysis, settings: Settings, files: FileFacts): CodeAction | undefined {
  return fixAllAction({ model: a.model, analysis: a, settings, files }, diagnostics(a, settings, files));
}

export const definition = (a: Analysis, pos: Position) => findDefinition(a.model, pos);
export const references = (a: Analysis, pos: Position, includeDeclaration: boolean) => findReferences(a.model, pos, includeDeclaration);
export const highlights = (a: Analysis, pos: Position) => findHighlights(a.model, pos);
export const prepareRename = (a: Analysis, pos: Position) => prepare(a.model, pos);
export const rename = (a: Analysis, pos: Position, newName: string) => renameStage(a.model, pos, newName);
export const symbols = (a: Analysis) => documentSymbols(a.model);
export const folding = (a: Analysis) => foldingRanges(a.model);
export const semanticTokens = (a: Analysis) => tokens(a.model);
export const codeLenses = (a: Analysis, options: CodeLensOptions) => stageCodeLenses(a.model, options);
export const stageSummaries = (a: Analysis) => summaries(a.model);
export const graph = (a: Analysis, targetName = '') => stageGraph(a.model, targetName);
/** The graph view's payload (stage lines, what can be built or opened, Mermaid). */
export const graphView = (a: Analysis, targetName = '') => view(a.model, targetName);
/** Stage summaries of a file that is not open, from its text (the client's task provider). */
export const stageSummariesOfText = (uri: string, text: string) => summaries(buildModel(text, uri));

/**
 * Stage hover, else (given a base service) its keyword documentation. `buildUsers`: who builds a
 * stage as a target from Compose, Bake or workflow files (`compose service api`).
 */
export const hover = (a: Analysis, pos: Position, base?: BaseService, buildUsers?: (stage: Stage) => readonly string[], sizes?: Record<string, StageSizeInfo>) =>
  stageHover(a.model, pos, buildUsers, sizes) ?? base?.hover(a.model, pos) ?? null;

/** Stage names where a stage may be named, else (given a base service) its completion; `allowNetwork`: Docker Hub tag lookups. */
export function completion(a: Analysis, pos: Position, base?: BaseService, allowNetwork = false): CompletionItem[] | Promise<CompletionItem[]> {
  return stageCompletions(a.model, pos) ?? base?.completion(a.model, pos, allowNetwork) ?? [];
}

/** When `target` names no stage of the file (BuildKit fails on it): the stage names, and those close to it. */
export function unknownTarget(a: Analysis, target: string): { names: string[]; close: string[] } | undefined {
  if (target.trim() === '' || findStageByName(a.model, target.trim())) return undefined;
  const names = a.model.stages.flatMap((s) => (s.name ? [s.name] : []));
  return { names, close: closeNames(target, names) };
}

export const resolveCompletion = (item: CompletionItem, base: BaseService) => (isStageCompletion(item) ? item : base.resolveCompletion(item));

