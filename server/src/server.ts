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
  LSPErrorCodes,
  type InitializeResult,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createStdioConnection } from './stdioConnection';
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
import { mergeBaseDiagnostics } from './service/diagnostics';
import { DiagnosticsCache } from './service/diagnosticsCache';
import { FIX_ALL_KIND, isCodeActionRefusal, listCodeActions, resolveCodeAction, type CodeActionInput } from './service/codeActions';
import { contextFilesFor, FileFactsCache } from './fileFacts';
import { METHODS, type InitializationOptions, type HandledCommandsParams, type SetTargetParams, type Settings, type StagesParams } from './protocol';
import { SettingsCache } from './settings';
import type { StageModel } from './service/model';
import { CrossFileFeatures } from './crossFile';
import { scopeToDockerfiles } from './scopedCapabilities';

/** How long validation waits after a change for the next keystroke (open and save validate at once). */
export const VALIDATION_DELAY_MS = 200;

/**
 * Starts the server on a connection; transport chosen from argv (--node-ipc, --stdio, --socket…).
 * Over stdio the input passes a framing guard first (stdioConnection.ts).
 */
export function startServerFromArgv(): void {
  startServer(process.argv.includes('--stdio') ? createStdioConnection() : createConnection(ProposedFeatures.all));
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const models = new ModelCache();
  const settings = new SettingsCache(connection);
  const base = new BaseService();
  const fileFacts = new FileFactsCache();
  const ourDiagnostics = new DiagnosticsCache();
  const crossFile = new CrossFileFeatures(documents, models, (m) => connection.console.log(m), () => validateAll());

  /** Per-file build targets picked in the client (`METHODS.setTarget`); they override `dockerfileStages.target`. */
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
  const failed = (uri: string, e: unknown): never => {
    if (e instanceof ResponseError) throw e;
    connection.console.error(`request failed on ${uri}: ${(e as Error).stack ?? e}`);
    throw new ResponseError(ErrorCodes.InternalError, `Dockerfile Stages: ${(e as Error).message}`);
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
  /** Whether a Dockerfile's features count the Compose/Bake/workflow files building it. */
  const crossFileOn = async (uri: string) => (await settingsFor(uri)).crossFile.enabled;
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
   * and again with the `METHODS.handledCommands` notification when they change (VS Code sends
   * the build/shell commands only in a trusted workspace); lenses for other commands are not offered.
   */
  let handledCommands = new Set<string>();
  let codeLensRefresh = false;
  /** Whether the client resolves code actions' edits (then the list is cheap and edits come in codeAction/resolve). */
  let resolveEdits = false;
  const setHandledCommands = (value: unknown) => {
    handledCommands = new Set(Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : []);
  };

  /** Dynamic registrations of the Dockerfile-only features (scopedCapabilities.ts), made once initialized. */
  let registerScoped: (connection: Connection) => void = () => undefined;
  connection.onInitialized(() => registerScoped(connection));
  connection.onInitialize((params): InitializeResult => {
    settings.supported = !!params.capabilities.workspace?.configuration;
    setHandledCommands((params.initializationOptions as InitializationOptions | undefined)?.handledCommands);
    codeLensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    const codeAction = params.capabilities.textDocument?.codeAction;
    resolveEdits = !!codeAction?.dataSupport && !!codeAction.resolveSupport?.properties.includes('edit');
    workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    void crossFile.start(workspaceFolders).then((indexed) => indexed && validateAll());
    const { capabilities, register } = scopeToDockerfiles(
      {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
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
          resolveProvider: true,
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

  /** The model, settings, file facts and our (cached) diagnostics of the document's current version. */
  const analysisInput = async (uri: string): Promise<{ version: number; input: CodeActionInput } | undefined> => {
    const s = await settingsFor(uri);
    const facts = await fileFacts.get(uri, s, workspaceFolders);
    const doc = documents.get(uri);
    if (!doc || crossFile.kindOf(uri) !== 'dockerfile') return undefined;
    const model = models.get(doc);
    // Stages Compose, Bake or workflow files build as their target count as build targets.
    const files = s.crossFile.enabled ? { ...facts, targetedStages: crossFile.targetedStages(model) } : facts;
    const onRuleError = (id: string, e: unknown) => connection.console.error(`rule ${id} failed on ${uri}: ${(e as Error).stack ?? e}`);
    const diagnostics = ourDiagnostics.get({ model, settings: s, files }, { onRuleError });
    return { version: doc.version, input: { model, settings: s, files, diagnostics, context: contextFilesFor(uri, s, workspaceFolders) } };
  };

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
      const current = await analysisInput(uri);
      if (!current || current.version !== version) return;
      const { model, settings: s, diagnostics: ours } = current.input;
      const diagnostics = s.baseDiagnostics ? mergeBaseDiagnostics(ours, base.validate(model)) : ours;
      void connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (e) {
      connection.console.error(`diagnostics failed on ${uri}: ${(e as Error).stack ?? e}`);
    }
  };
  /** Validation per uri: typing waits VALIDATION_DELAY_MS for the next change; open, save and the rest run at once. */
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const schedule = (uri: string, delay: number) => {
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    if (delay <= 0) return void validate(uri);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void validate(uri);
      }, delay),
    );
  };
  const validateAll = () => documents.all().forEach((d) => schedule(d.uri, 0));
  const justOpened = new Set<string>();
  documents.onDidOpen((e) => justOpened.add(e.document.uri));
  documents.onDidChangeContent((e) => {
    crossFile.opened(e.document);
    const delay = justOpened.delete(e.document.uri) ? 0 : VALIDATION_DELAY_MS;
    schedule(e.document.uri, delay);
    // Open Dockerfiles built by this Compose/Bake/workflow file, or open files building this Dockerfile.
    for (const other of crossFile.dependents(e.document.uri)) schedule(other, delay);
  });
  documents.onDidSave((e) => {
    if (timers.has(e.document.uri)) schedule(e.document.uri, 0);
  });
  connection.onDidChangeWatchedFiles((p) => {
    const crossFileChanged = crossFile.watchedFilesChanged(p.changes);
    if (fileFacts.changed(p.changes.map((c) => c.uri)) || crossFileChanged) validateAll();
  });
  connection.onNotification(METHODS.setTarget, (p: Partial<SetTargetParams> | null) => {
    if (typeof p?.uri !== 'string') return;
    if (typeof p.target === 'string' && p.target.trim() !== '') targets.set(p.uri, p.target.trim());
    else targets.delete(p.uri);
    schedule(p.uri, 0);
  });
  connection.onCodeAction(async (p) => {
    const uri = p.textDocument.uri;
    if (crossFile.isCrossFile(uri)) return onCrossFile(uri, [], () => crossFile.codeActions(uri, p.context.diagnostics));
    const current = await analysisInput(uri).catch((e: unknown) => failed(uri, e));
    if (!current) return [];
    return withModel(uri, [], () => listCodeActions(current.input, { range: p.range, diagnostics: p.context.diagnostics, only: p.context.only }, { lazy: resolveEdits }));
  });
  connection.onCodeActionResolve(async (action) => {
    const uri = (action.data as { uri?: unknown } | undefined)?.uri;
    if (typeof uri !== 'string') return action;
    const current = await analysisInput(uri).catch((e: unknown) => failed(uri, e));
    if (!current) throw new ResponseError(LSPErrorCodes.ContentModified, 'The document is no longer open.');
    const resolved = withModel(uri, action, () => resolveCodeAction(current.input, action));
    if (isCodeActionRefusal(resolved)) throw new ResponseError(LSPErrorCodes.ContentModified, resolved.error);
    return resolved;
  });

  connection.onDidChangeConfiguration((change) => {
    settings.push(change.settings);
    settings.clear();
    fileFacts.clear();
    validateAll();
  });
  documents.onDidClose((e) => {
    models.delete(e.document.uri);
    ourDiagnostics.delete(e.document.uri);
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    justOpened.delete(e.document.uri);
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
  // Nothing renamable under the cursor is an answer (null), not an error; a refused rename fails
  // with its reason (RequestFailed), which clients show to the user.
  connection.onPrepareRename((p) =>
    withModel(p.textDocument.uri, null, (m) => {
      const r = prepareRename(m, p.position);
      return isRefusal(r) ? null : r;
    }),
  );
  // A rename also edits the Compose/Bake/workflow files building the stage (one WorkspaceEdit), or is refused.
  connection.onRenameRequest(async (p) => {
    const other = await crossFileOn(p.textDocument.uri);
    return withModel(p.textDocument.uri, null, (m) => {
      const own = renameStage(m, p.position, p.newName);
      const r = isRefusal(own) || !other ? own : crossFile.extendRename(m, p.position, p.newName, own);
      if (isRefusal(r)) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
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
  connection.onRequest(METHODS.stages, (p: StagesParams) => withModel(p.uri, [], stageSummaries));
  connection.onNotification(METHODS.handledCommands, (p: Partial<HandledCommandsParams> | null) => {
    setHandledCommands(p?.commands);
    if (codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });
  documents.listen(connection);
  connection.listen();
}

