/**
 * The language server: wiring only. Each handler fetches the cached stage model and calls the pure
 * service in ./service. Runs over IPC (VS Code) or --stdio (other editors).
 */
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  ResponseError,
  ErrorCodes,
  CodeLensRefreshRequest,
  CodeActionKind,
  type InitializeResult,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ModelCache } from './service/modelCache';
import { BaseService } from './service/base';
import { findDefinition } from './service/definition';
import { findReferences } from './service/references';
import { findHighlights } from './service/highlight';
import { isRefusal, prepareRename, renameStage } from './service/rename';
import { stageHover } from './service/hover';
import { isStageCompletion, stageCompletions } from './service/completion';
import { documentSymbols } from './service/symbols';
import { foldingRanges } from './service/folding';
import { semanticTokens, semanticTokensLegend } from './service/semanticTokens';
import { codeLenses, stageSummaries } from './service/codeLens';
import { computeDiagnostics, mergeBaseDiagnostics } from './service/diagnostics';
import { computeCodeActions, FIX_ALL_KIND } from './service/codeActions';
import { contextFilesFor, fileFactsFor } from './fileFacts';
import type { Settings } from './service/settings';
import { SettingsCache } from './settings';
import type { StageModel } from './service/model';
import { CrossFileFeatures } from './crossFile';
import { scopeToDockerfiles } from './scopedCapabilities';

/** Starts the server on a connection; transport chosen by createConnection from argv (--node-ipc, --stdio). */
export function startServerFromArgv(): void {
  startServer(createConnection(ProposedFeatures.all));
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const models = new ModelCache();
  const settings = new SettingsCache(connection);
  const base = new BaseService();
  const crossFile = new CrossFileFeatures(documents, models, (m) => connection.console.log(m), () => validateAll());

  /** Per-file build targets picked in the client (`dockerfileStages/setTarget`); they override `dockerfileStages.target`. */
  const targets = new Map<string, string>();
  let workspaceFolders: string[] = [];
  const settingsFor = async (uri: string): Promise<Settings> => {
    const s = await settings.get(uri);
    const target = targets.get(uri);
    return target === undefined ? s : { ...s, target };
  };

  /** Only Dockerfiles get a stage model; Compose/Bake/workflow files go to `crossFile`, anything else gets nothing. */
  const modelOf = (uri: string): StageModel | undefined => {
    const doc = documents.get(uri);
    return doc && crossFile.kindOf(uri) === 'dockerfile' ? models.get(doc) : undefined;
  };
  /** Runs a cross-file request on a Compose/Bake/workflow document when the feature is on for it. */
  const onCrossFile = async <T>(uri: string, fallback: T, f: () => T): Promise<T> => {
    if (!(await settingsFor(uri)).crossFile.enabled) return fallback;
    try {
      return f();
    } catch (e) {
      return failed(uri, e);
    }
  };
  /** The cross-file facts of a Dockerfile, empty when the feature is off for it. */
  const crossFileOn = async (uri: string) => (await settingsFor(uri)).crossFile.enabled;
  const failed = (uri: string, e: unknown): never => {
    if (e instanceof ResponseError) throw e;
    connection.console.error(`request failed on ${uri}: ${(e as Error).stack ?? e}`);
    throw new ResponseError(ErrorCodes.InternalError, `Dockerfile Stages: ${(e as Error).message}`);
  };
  /** Runs a handler on the document's model; an exception (or rejection) becomes an error response, never a dead server. */
  const withModel = <T>(uri: string, fallback: T, f: (m: StageModel) => T): T => {
    const model = modelOf(uri);
    if (!model) return fallback;
    try {
      const result = f(model);
      return result instanceof Promise ? (result.catch((e: unknown) => failed(uri, e)) as T) : result;
    } catch (e) {
      return failed(uri, e);
    }
  };

  /**
   * Lens commands the client runs. The client declares them in `initializationOptions.handledCommands`
   * and again with the `dockerfileStages/handledCommands` notification when they change (VS Code sends
   * the build/shell commands only in a trusted workspace); lenses for other commands are not offered.
   */
  let handledCommands = new Set<string>();
  let codeLensRefresh = false;
  const setHandledCommands = (value: unknown) => {
    handledCommands = new Set(Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : []);
  };

  /** Dynamic registrations of the Dockerfile-only features (scopedCapabilities.ts), made once initialized. */
  let registerScoped: (connection: Connection) => void = () => undefined;
  connection.onInitialized(() => registerScoped(connection));
  connection.onInitialize((params): InitializeResult => {
    settings.supported = !!params.capabilities.workspace?.configuration;
    setHandledCommands((params.initializationOptions as { handledCommands?: unknown } | undefined)?.handledCommands);
    codeLensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    void crossFile.start(workspaceFolders).then((indexed) => indexed && validateAll());
    const { capabilities, register } = scopeToDockerfiles(
      {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: {
          codeActionKinds: [
            CodeActionKind.QuickFix,
            CodeActionKind.Refactor,
            CodeActionKind.RefactorExtract,
            CodeActionKind.RefactorRewrite,
            CodeActionKind.RefactorInline,
            FIX_ALL_KIND,
          ],
        },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['=', ' ', ',', '-'], resolveProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: semanticTokensLegend, full: true },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentOnTypeFormattingProvider: { firstTriggerCharacter: '\\', moreTriggerCharacter: ['`'] },
        signatureHelpProvider: { triggerCharacters: ['-', '[', ',', ' ', '='] },
        documentLinkProvider: { resolveProvider: true },
      },
      params,
    );
    registerScoped = register;
    return {
      capabilities,
      serverInfo: { name: 'dockerfile-stages' },
    };
  });

  /**
   * Publishes our diagnostics (plus dockerfile-utils' unless turned off) for the document's current
   * version. After every await the version is checked again, so a stale run never publishes last.
   */
  const validate = async (uri: string): Promise<void> => {
    const version = documents.get(uri)?.version;
    if (version === undefined) return;
    const kind = crossFile.kindOf(uri);
    if (kind !== 'dockerfile') {
      // A Compose/Bake/workflow file gets its target checks; a document we do not understand gets nothing.
      const s = kind ? await settingsFor(uri) : undefined;
      const diagnostics = s?.crossFile.enabled ? crossFile.diagnostics(uri, s.rules) : [];
      if (documents.get(uri)?.version === version) void connection.sendDiagnostics({ uri, version, diagnostics });
      return;
    }
    try {
      const s = await settingsFor(uri);
      const files = await fileFactsFor(uri, s, workspaceFolders);
      const doc = documents.get(uri);
      if (!doc || doc.version !== version) return;
      const model = models.get(doc);
      if (s.crossFile.enabled) files.targetedStages = crossFile.targetedStages(model);
      const ours = computeDiagnostics({ model, settings: s, files }, { onRuleError: (id, e) => connection.console.error(`rule ${id} failed on ${uri}: ${(e as Error).stack ?? e}`) });
      const diagnostics = s.baseDiagnostics ? mergeBaseDiagnostics(ours, base.validate(model)) : ours;
      void connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (e) {
      connection.console.error(`diagnostics failed on ${uri}: ${(e as Error).stack ?? e}`);
    }
  };
  const validateAll = () => documents.all().forEach((d) => void validate(d.uri));
  documents.onDidChangeContent((e) => {
    crossFile.opened(e.document);
    void validate(e.document.uri);
    for (const other of crossFile.dependents(e.document.uri)) void validate(other);
  });
  connection.onDidChangeWatchedFiles((p) => {
    crossFile.watchedFilesChanged(p.changes);
    validateAll();
  });
  connection.onNotification('dockerfileStages/setTarget', (p: { uri?: unknown; target?: unknown }) => {
    if (typeof p?.uri !== 'string') return;
    if (typeof p.target === 'string' && p.target.trim() !== '') targets.set(p.uri, p.target.trim());
    else targets.delete(p.uri);
    void validate(p.uri);
  });
  connection.onCodeAction(async (p) => {
    const uri = p.textDocument.uri;
    if (crossFile.isCrossFile(uri)) return onCrossFile(uri, [], () => crossFile.codeActions(uri, p.context.diagnostics));
    const s = await settingsFor(uri);
    const files = await fileFactsFor(uri, s, workspaceFolders);
    const context = contextFilesFor(uri, s, workspaceFolders);
    return withModel(uri, [], (m) => computeCodeActions(m, p.range, p.context.diagnostics, p.context.only, s, files, context));
  });

  connection.onDidChangeConfiguration((change) => {
    settings.push(change.settings);
    settings.clear();
    validateAll();
  });
  documents.onDidClose((e) => {
    models.delete(e.document.uri);
    settings.delete(e.document.uri);
    crossFile.closed(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDefinition((p) => {
    const uri = p.textDocument.uri;
    if (crossFile.isCrossFile(uri)) return onCrossFile(uri, null, () => crossFile.definition(uri, p.position));
    return withModel(uri, null, (m) => findDefinition(m, p.position));
  });
  connection.onReferences(async (p) => {
    const other = await crossFileOn(p.textDocument.uri);
    return withModel(p.textDocument.uri, [], (m) => [...findReferences(m, p.position, p.context.includeDeclaration), ...(other ? crossFile.references(m, p.position) : [])]);
  });
  connection.onDocumentHighlight((p) => withModel(p.textDocument.uri, [], (m) => findHighlights(m, p.position)));
  connection.onPrepareRename((p) =>
    withModel(p.textDocument.uri, null, (m) => {
      const r = prepareRename(m, p.position);
      if (isRefusal(r)) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
      return r;
    }),
  );
  connection.onRenameRequest(async (p) => {
    const other = await crossFileOn(p.textDocument.uri);
    return withModel(p.textDocument.uri, null, (m) => {
      const own = renameStage(m, p.position, p.newName);
      const r = isRefusal(own) || !other ? own : crossFile.extendRename(m, p.position, p.newName, own);
      if (isRefusal(r)) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
      return r;
    });
  });

  connection.onHover(async (p) => {
    const uri = p.textDocument.uri;
    if (crossFile.isCrossFile(uri)) return onCrossFile(uri, null, () => crossFile.hover(uri, p.position));
    const other = await crossFileOn(uri);
    return withModel(uri, null, (m) => {
      const users = other ? crossFile.buildUsers(m) : undefined;
      return stageHover(m, p.position, (stage) => users?.get(stage.index) ?? []) ?? base.hover(m, p.position);
    });
  });
  connection.onCompletion(async (p) => {
    if (crossFile.isCrossFile(p.textDocument.uri)) return onCrossFile(p.textDocument.uri, null, () => crossFile.completion(p.textDocument.uri, p.position));
    const { dockerHubLookups } = await settings.get(p.textDocument.uri);
    return withModel(p.textDocument.uri, null, (m) => stageCompletions(m, p.position) ?? base.completion(m, p.position, dockerHubLookups));
  });
  connection.onCompletionResolve((item) => (isStageCompletion(item) ? item : base.resolveCompletion(item)));
  connection.onDocumentSymbol((p) => withModel(p.textDocument.uri, [], documentSymbols));
  connection.onFoldingRanges((p) => withModel(p.textDocument.uri, [], foldingRanges));
  connection.languages.semanticTokens.on((p) => withModel(p.textDocument.uri, { data: [] }, semanticTokens));
  connection.onDocumentFormatting((p) => withModel(p.textDocument.uri, [], (m) => base.format(m, p.options)));
  connection.onDocumentRangeFormatting((p) => withModel(p.textDocument.uri, [], (m) => base.formatRange(m, p.range, p.options)));
  connection.onDocumentOnTypeFormatting((p) => withModel(p.textDocument.uri, [], (m) => base.formatOnType(m, p.position, p.ch, p.options)));
  connection.onSignatureHelp((p) => withModel(p.textDocument.uri, null, (m) => base.signatureHelp(m, p.position)));
  connection.onDocumentLinks((p) => withModel(p.textDocument.uri, [], (m) => base.links(m)));
  connection.onDocumentLinkResolve((link) => base.resolveLink(link));
  connection.onCodeLens(async (p) => {
    const other = await crossFileOn(p.textDocument.uri);
    return withModel(p.textDocument.uri, [], (m) => codeLenses(m, { commands: handledCommands, buildUsers: other ? crossFile.buildUsers(m) : undefined }));
  });
  connection.onRequest('dockerfileStages/stages', (p: { uri: string }) => withModel(p.uri, [], stageSummaries));
  connection.onNotification('dockerfileStages/handledCommands', (p: { commands?: unknown }) => {
    setHandledCommands(p?.commands);
    if (codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });
  documents.listen(connection);
  connection.listen();
}

