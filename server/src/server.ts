/**
 * The language server: wiring only. Each handler fetches the document version's analysis and calls
 * the pure service facade (./service/index.ts). Runs over IPC (VS Code) or --stdio (other editors).
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
import * as service from './service';
import { AnalysisCache, BaseService, FIX_ALL_KIND, isCodeActionRefusal, isRefusal, semanticTokensLegend, type Analysis, type CodeActionInput } from './service';
import { contextFilesFor, FileFactsCache } from './fileFacts';
import { METHODS, type CheckFilesParams, type CheckFilesResult, type GraphParams, type InitializationOptions, type HandledCommandsParams, type SetTargetParams, type Settings, type StageSizeInfo, type StageSizesParams, type StagesParams } from './protocol';
import { SettingsCache } from './settings';
import { CrossFileFeatures } from './crossFile';
import { CheckedFiles, type CheckedText } from './checkedFiles';
import { scopeToDockerfiles } from './scopedCapabilities';

/** How long validation waits after a change for the next keystroke (open and save validate at once). */
export const VALIDATION_DELAY_MS = 200;

/**
 * Starts the server on a connection; transport chosen from argv (--node-ipc, --stdio, --socket…).
 * Over stdio the input passes a framing guard first (stdioConnection.ts).
 */
export function startServerFromArgv(hooks: ServerHooks = {}): void {
  startServer(process.argv.includes('--stdio') ? createStdioConnection() : createConnection(ProposedFeatures.all), hooks);
}

export interface ServerHooks {
  /** Called once, right after the first diagnostics of a Dockerfile went out (serverMain.ts: the code cache is taken then). */
  afterFirstDiagnostics?: () => void;
}

export function startServer(connection: Connection, hooks: ServerHooks = {}): void {
  let afterFirstDiagnostics = hooks.afterFirstDiagnostics;
  /**
   * Fire-and-forget messages to the client (diagnostics, logs, refreshes). A send after the connection
   * closed (a validation still running when the client went away) has nobody to tell: that ends the
   * session quietly instead of rejecting where nobody awaits it.
   */
  const toClient = (send: () => unknown): void => {
    try {
      const sent = send();
      if (sent instanceof Promise) sent.catch(() => undefined);
    } catch {
      // the connection is closed or disposed
    }
  };
  const logError = (message: string) => toClient(() => connection.console.error(message));
  const documents = new TextDocuments(TextDocument);
  const analyses = new AnalysisCache();
  const settings = new SettingsCache(connection);
  const base = new BaseService();
  const fileFacts = new FileFactsCache();
  const checked = new CheckedFiles();
  const crossFile = new CrossFileFeatures(documents, (doc) => analyses.get(doc).model, (m) => toClient(() => connection.console.log(m)), () => validateAll());

  /** Per-file build targets picked in the client (`METHODS.setTarget`); they override `dockerfileStages.target`. */
  const targets = new Map<string, string>();
  /** Image sizes per Dockerfile and stage label, read by the client after builds (`METHODS.stageSizes`). */
  const sizes = new Map<string, Record<string, StageSizeInfo>>();
  let workspaceFolders: string[] = [];
  const settingsFor = async (uri: string): Promise<Settings> => {
    const s = await settings.get(uri);
    const target = targets.get(uri);
    return target === undefined ? s : { ...s, target };
  };

  /** Only Dockerfiles get an analysis; Compose/Bake/workflow files go to `crossFile`, anything else gets nothing. */
  const analysisOf = (uri: string): Analysis | undefined => {
    const doc = documents.get(uri);
    return doc && crossFile.kindOf(uri) === 'dockerfile' ? analyses.get(doc) : undefined;
  };
  const failed = (uri: string, e: unknown): never => {
    if (e instanceof ResponseError) throw e;
    logError(`request failed on ${uri}: ${(e as Error).stack ?? e}`);
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
  /** Runs a handler on the document's analysis; an exception (or rejection) becomes an error response, never a dead server. */
  const withAnalysis = <T>(uri: string, fallback: T, f: (a: Analysis) => T): T => {
    const analysis = analysisOf(uri);
    if (!analysis) return fallback;
    try {
      const result = f(analysis);
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
  let foldersChangeSupport = false;
  connection.onInitialized(() => {
    registerScoped(connection);
    if (foldersChangeSupport) connection.workspace.onDidChangeWorkspaceFolders((e) => void workspaceFoldersChanged(e.added.map((f) => f.uri), e.removed.map((f) => f.uri)));
  });
  connection.onInitialize((params): InitializeResult => {
    settings.supported = !!params.capabilities.workspace?.configuration;
    setHandledCommands((params.initializationOptions as InitializationOptions | undefined)?.handledCommands);
    codeLensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    const codeAction = params.capabilities.textDocument?.codeAction;
    resolveEdits = !!codeAction?.dataSupport && !!codeAction.resolveSupport?.properties.includes('edit');
    workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    foldersChangeSupport = !!params.capabilities.workspace?.workspaceFolders;
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
      capabilities: foldersChangeSupport ? { ...capabilities, workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : capabilities,
      serverInfo: { name: 'dockerfile-stages' },
    };
  });

  /** The analysis, settings, file facts and our diagnostics (cached on the analysis) of the document's current version. */
  const analysisInput = async (uri: string): Promise<{ version: number; input: CodeActionInput } | undefined> => {
    const settingsPending = settingsFor(uri);
    // The model needs no settings: it is built while the client answers workspace/configuration (a
    // stdio writer sends on the next turn, hence the yield first) instead of after the round trip.
    if (crossFile.kindOf(uri) === 'dockerfile') {
      await new Promise((resolve) => setImmediate(resolve));
      const early = documents.get(uri);
      if (early) analyses.get(early);
    }
    const s = await settingsPending;
    const facts = await fileFacts.get(uri, s, workspaceFolders);
    const doc = documents.get(uri);
    if (!doc || crossFile.kindOf(uri) !== 'dockerfile') return undefined;
    const analysis = analyses.get(doc);
    // Stages Compose, Bake or workflow files build as their target count as build targets.
    const files = s.crossFile.enabled ? { ...facts, targetedStages: crossFile.targetedStages(analysis.model) } : facts;
    const onRuleError = (id: string, e: unknown) => logError(`rule ${id} failed on ${uri}: ${(e as Error).stack ?? e}`);
    const diagnostics = service.diagnostics(analysis, s, files, { onRuleError });
    const input = { model: analysis.model, analysis, settings: s, files, diagnostics, context: contextFilesFor(uri, s, workspaceFolders) };
    return { version: doc.version, input };
  };

  /**
   * Publishes our diagnostics for the document's current
   * version. After every await the version is checked again, so a stale run never publishes last.
   */
  const validate = async (uri: string): Promise<void> => {
    const version = documents.get(uri)?.version;
    if (version === undefined) return;
    try {
      const kind = crossFile.kindOf(uri);
      if (kind !== 'dockerfile') {
        // A Compose/Bake/workflow file gets its target checks; a document we do not understand gets nothing.
        const s = kind ? await settingsFor(uri) : undefined;
        const diagnostics = s?.crossFile.enabled ? crossFile.diagnostics(uri, s.rules) : [];
        if (documents.get(uri)?.version === version) toClient(() => connection.sendDiagnostics({ uri, version, diagnostics }));
        return;
      }
      const current = await analysisInput(uri);
      if (!current || current.version !== version) return;
      const { analysis, settings: s, files } = current.input;
      const diagnostics = service.diagnostics(analysis, s, files);
      toClient(() => connection.sendDiagnostics({ uri, version, diagnostics }));
      const first = afterFirstDiagnostics;
      afterFirstDiagnostics = undefined;
      first?.();
    } catch (e) {
      logError(`diagnostics failed on ${uri}: ${(e as Error).stack ?? e}`);
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
  /** Publishes the diagnostics of a checked Dockerfile that is not open (Check All Dockerfiles); returns how many. */
  const validateClosed = async (file: CheckedText): Promise<number> => {
    try {
      const s = await settingsFor(file.uri);
      const facts = await fileFacts.get(file.uri, s, workspaceFolders);
      if (documents.get(file.uri)) return 0;
      const analysis = service.analyze(file.text, file.uri);
      const files = s.crossFile.enabled ? { ...facts, targetedStages: crossFile.targetedStages(analysis.model) } : facts;
      const diagnostics = service.diagnostics(analysis, s, files);
      toClient(() => connection.sendDiagnostics({ uri: file.uri, diagnostics }));
      return diagnostics.length;
    } catch (e) {
      logError(`diagnostics failed on ${file.uri}: ${(e as Error).stack ?? e}`);
      return 0;
    }
  };
  /** Folders added to or removed from a multi-root workspace: build contexts and the cross-file index follow. */
  const workspaceFoldersChanged = async (added: string[], removed: string[]) => {
    workspaceFolders = [...workspaceFolders.filter((f) => !removed.includes(f)), ...added];
    fileFacts.clear();
    await crossFile.foldersChanged(added, removed);
    validateAll();
  };
  const validateAll = () => {
    documents.all().forEach((d) => schedule(d.uri, 0));
    for (const file of checked.all()) if (!documents.get(file.uri)) void validateClosed(file);
  };
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
    return withAnalysis(uri, [], () => service.listCodeActions(current.input, { range: p.range, diagnostics: p.context.diagnostics, only: p.context.only }, { lazy: resolveEdits }));
  });
  connection.onCodeActionResolve(async (action) => {
    const uri = (action.data as { uri?: unknown } | undefined)?.uri;
    if (typeof uri !== 'string') return action;
    const current = await analysisInput(uri).catch((e: unknown) => failed(uri, e));
    if (!current) throw new ResponseError(LSPErrorCodes.ContentModified, 'The document is no longer open.');
    const resolved = withAnalysis(uri, action, () => service.resolveCodeAction(current.input, action));
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
    analyses.delete(e.document.uri);
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    justOpened.delete(e.document.uri);
    settings.delete(e.document.uri);
    crossFile.closed(e.document.uri);
    // A file checked by Check All Dockerfiles keeps its problems after closing; others are cleared.
    checked.closed(e.document.uri, e.document.getText());
    const file = checked.get(e.document.uri);
    if (file) void validateClosed(file);
    else toClient(() => connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
  });

  connection.onDefinition((p) => {
    const uri = p.textDocument.uri;
    if (crossFile.isCrossFile(uri)) return onCrossFile(uri, null, () => crossFile.definition(uri, p.position));
    return withAnalysis(uri, null, (a) => service.definition(a, p.position));
  });
  connection.onReferences(async (p) => {
    const uri = p.textDocument.uri;
    if (crossFile.isCrossFile(uri)) return onCrossFile(uri, [], () => crossFile.referencesFrom(uri, p.position, p.context.includeDeclaration));
    const other = await crossFileOn(p.textDocument.uri);
    return withAnalysis(p.textDocument.uri, [], (a) => [...service.references(a, p.position, p.context.includeDeclaration), ...(other ? crossFile.references(a.model, p.position) : [])]);
  });
  connection.onDocumentHighlight((p) => withAnalysis(p.textDocument.uri, [], (a) => service.highlights(a, p.position)));
  // Nothing renamable under the cursor is an answer (null), not an error; a refused rename fails
  // with its reason (RequestFailed), which clients show to the user.
  connection.onPrepareRename((p) => {
    const uri = p.textDocument.uri;
    if (crossFile.isCrossFile(uri)) return onCrossFile(uri, null, () => crossFile.prepareRename(uri, p.position));
    return withAnalysis(uri, null, (a) => {
      const r = service.prepareRename(a, p.position);
      return isRefusal(r) ? null : r;
    });
  });
  // A rename also edits the Compose/Bake/workflow files building the stage (one WorkspaceEdit), or is refused.
  connection.onRenameRequest(async (p) => {
    const uri = p.textDocument.uri;
    if (crossFile.isCrossFile(uri)) {
      const r = await onCrossFile(uri, null, () => crossFile.rename(uri, p.position, p.newName));
      if (r && isRefusal(r)) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
      return r;
    }
    const other = await crossFileOn(p.textDocument.uri);
    return withAnalysis(p.textDocument.uri, null, (a) => {
      const own = service.rename(a, p.position, p.newName);
      const r = isRefusal(own) || !other ? own : crossFile.extendRename(a.model, p.position, p.newName, own);
      if (isRefusal(r)) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
      return r;
    });
  });

  connection.onHover(async (p) => {
    const uri = p.textDocument.uri;
    if (crossFile.isCrossFile(uri)) return onCrossFile(uri, null, () => crossFile.hover(uri, p.position));
    const other = await crossFileOn(uri);
    return withAnalysis(uri, null, (a) => {
      const users = other ? crossFile.buildUsers(a.model) : undefined;
      return service.hover(a, p.position, base, (stage) => users?.get(stage.index) ?? [], sizes.get(uri));
    });
  });
  connection.onCompletion(async (p) => {
    if (crossFile.isCrossFile(p.textDocument.uri)) return onCrossFile(p.textDocument.uri, null, () => crossFile.completion(p.textDocument.uri, p.position));
    const { dockerHubLookups } = await settings.get(p.textDocument.uri);
    return withAnalysis(p.textDocument.uri, null, (a) => service.completion(a, p.position, base, dockerHubLookups));
  });
  connection.onCompletionResolve((item) => service.resolveCompletion(item, base));
  connection.onDocumentSymbol((p) => withAnalysis(p.textDocument.uri, [], service.symbols));
  connection.onFoldingRanges((p) => withAnalysis(p.textDocument.uri, [], service.folding));
  connection.languages.semanticTokens.on((p) => withAnalysis(p.textDocument.uri, { data: [] }, service.semanticTokens));
  connection.onDocumentFormatting((p) => withAnalysis(p.textDocument.uri, [], (a) => base.format(a.model, p.options)));
  connection.onDocumentRangeFormatting((p) => withAnalysis(p.textDocument.uri, [], (a) => base.formatRange(a.model, p.range, p.options)));
  connection.onDocumentOnTypeFormatting((p) => withAnalysis(p.textDocument.uri, [], (a) => base.formatOnType(a.model, p.position, p.ch, p.options)));
  connection.onSignatureHelp((p) => withAnalysis(p.textDocument.uri, null, (a) => base.signatureHelp(a.model, p.position)));
  connection.onDocumentLinks((p) => withAnalysis(p.textDocument.uri, [], (a) => base.links(a.model)));
  connection.onDocumentLinkResolve((link) => base.resolveLink(link));
  connection.onCodeLens(async (p) => {
    const other = await crossFileOn(p.textDocument.uri);
    return withAnalysis(p.textDocument.uri, [], (a) =>
      service.codeLenses(a, { commands: handledCommands, buildUsers: other ? crossFile.buildUsers(a.model) : undefined, sizes: sizes.get(p.textDocument.uri) }),
    );
  });
  const needsUri = (method: string, p: { uri?: unknown } | null | undefined): string => {
    if (typeof p?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${method} needs { uri }`);
    return p.uri;
  };
  connection.onRequest(METHODS.stages, (p: StagesParams) => {
    const uri = needsUri(METHODS.stages, p);
    if (typeof p.text === 'string' && !documents.get(uri)) return service.stageSummariesOfText(uri, p.text);
    return withAnalysis(uri, [], service.stageSummaries);
  });
  connection.onRequest(METHODS.graph, async (p: GraphParams) => {
    const uri = needsUri(METHODS.graph, p);
    const { target } = await settingsFor(uri);
    return withAnalysis(uri, null, (a) => service.graphView(a, target));
  });
  connection.onRequest(METHODS.checkFiles, async (p: CheckFilesParams): Promise<CheckFilesResult> => {
    const { files, skipped } = checked.accept(p, (uri) => !!documents.get(uri));
    let problems = 0;
    for (const file of files) problems += await validateClosed(file);
    return { checked: files.length, problems, skipped };
  });
  connection.onNotification(METHODS.stageSizes, (p: Partial<StageSizesParams> | null) => {
    if (typeof p?.uri !== 'string' || !p.sizes || typeof p.sizes !== 'object') return;
    sizes.set(p.uri, p.sizes);
    if (codeLensRefresh) toClient(() => connection.sendRequest(CodeLensRefreshRequest.type));
  });
  connection.onNotification(METHODS.handledCommands, (p: Partial<HandledCommandsParams> | null) => {
    setHandledCommands(p?.commands);
    if (codeLensRefresh) toClient(() => connection.sendRequest(CodeLensRefreshRequest.type));
  });
  documents.listen(connection);
  connection.listen();
}

