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
  type InitializeResult,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as service from './service';
import { AnalysisCache, BaseService, FIX_ALL_KIND, isRefusal, semanticTokensLegend, type Analysis, type Settings } from './service';
import { contextFilesFor, fileFactsFor } from './fileFacts';
import { SettingsCache } from './settings';

/** Starts the server on a connection; transport chosen by createConnection from argv (--node-ipc, --stdio). */
export function startServerFromArgv(): void {
  startServer(createConnection(ProposedFeatures.all));
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new AnalysisCache();
  const settings = new SettingsCache(connection);
  const base = new BaseService();

  /** Per-file build targets picked in the client (`dockerfileStages/setTarget`); they override `dockerfileStages.target`. */
  const targets = new Map<string, string>();
  let workspaceFolders: string[] = [];
  const settingsFor = async (uri: string): Promise<Settings> => {
    const s = await settings.get(uri);
    const target = targets.get(uri);
    return target === undefined ? s : { ...s, target };
  };

  const analysisOf = (uri: string): Analysis | undefined => {
    const doc = documents.get(uri);
    return doc ? analyses.get(doc) : undefined;
  };
  const failed = (uri: string, e: unknown): never => {
    if (e instanceof ResponseError) throw e;
    connection.console.error(`request failed on ${uri}: ${(e as Error).stack ?? e}`);
    throw new ResponseError(ErrorCodes.InternalError, `Dockerfile Stages: ${(e as Error).message}`);
  };
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
   * and again with the `dockerfileStages/handledCommands` notification when they change (VS Code sends
   * the build/shell commands only in a trusted workspace); lenses for other commands are not offered.
   */
  let handledCommands = new Set<string>();
  let codeLensRefresh = false;
  const setHandledCommands = (value: unknown) => {
    handledCommands = new Set(Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : []);
  };

  connection.onInitialize((params): InitializeResult => {
    settings.supported = !!params.capabilities.workspace?.configuration;
    setHandledCommands((params.initializationOptions as { handledCommands?: unknown } | undefined)?.handledCommands);
    codeLensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    return {
      capabilities: {
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
    try {
      const s = await settingsFor(uri);
      const files = await fileFactsFor(uri, s, workspaceFolders);
      const doc = documents.get(uri);
      if (!doc || doc.version !== version) return;
      const onRuleError = (id: string, e: unknown) => connection.console.error(`rule ${id} failed on ${uri}: ${(e as Error).stack ?? e}`);
      const diagnostics = service.diagnostics(analyses.get(doc), s, files, { base: s.baseDiagnostics ? base : undefined, onRuleError });
      void connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (e) {
      connection.console.error(`diagnostics failed on ${uri}: ${(e as Error).stack ?? e}`);
    }
  };
  const validateAll = () => documents.all().forEach((d) => void validate(d.uri));
  documents.onDidChangeContent((e) => void validate(e.document.uri));
  connection.onDidChangeWatchedFiles(validateAll);
  connection.onNotification('dockerfileStages/setTarget', (p: { uri?: unknown; target?: unknown }) => {
    if (typeof p?.uri !== 'string') return;
    if (typeof p.target === 'string' && p.target.trim() !== '') targets.set(p.uri, p.target.trim());
    else targets.delete(p.uri);
    void validate(p.uri);
  });
  connection.onCodeAction(async (p) => {
    const uri = p.textDocument.uri;
    const s = await settingsFor(uri);
    const files = await fileFactsFor(uri, s, workspaceFolders);
    const context = contextFilesFor(uri, s, workspaceFolders);
    return withAnalysis(uri, [], (a) => service.codeActions(a, p.range, p.context, s, files, context));
  });

  connection.onDidChangeConfiguration((change) => {
    settings.push(change.settings);
    settings.clear();
    validateAll();
  });
  documents.onDidClose((e) => {
    analyses.delete(e.document.uri);
    settings.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDefinition((p) => withAnalysis(p.textDocument.uri, null, (a) => service.definition(a, p.position)));
  connection.onReferences((p) => withAnalysis(p.textDocument.uri, [], (a) => service.references(a, p.position, p.context.includeDeclaration)));
  connection.onDocumentHighlight((p) => withAnalysis(p.textDocument.uri, [], (a) => service.highlights(a, p.position)));
  connection.onPrepareRename((p) =>
    withAnalysis(p.textDocument.uri, null, (a) => {
      const r = service.prepareRename(a, p.position);
      if (isRefusal(r)) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
      return r;
    }),
  );
  connection.onRenameRequest((p) =>
    withAnalysis(p.textDocument.uri, null, (a) => {
      const r = service.rename(a, p.position, p.newName);
      if (isRefusal(r)) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
      return r;
    }),
  );

  connection.onHover((p) => withAnalysis(p.textDocument.uri, null, (a) => service.hover(a, p.position, base)));
  connection.onCompletion(async (p) => {
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
  connection.onCodeLens((p) => withAnalysis(p.textDocument.uri, [], (a) => service.codeLenses(a, { commands: handledCommands })));
  connection.onRequest('dockerfileStages/stages', (p: { uri: string }) => withAnalysis(p.uri, [], service.stageSummaries));
  connection.onNotification('dockerfileStages/handledCommands', (p: { commands?: unknown }) => {
    setHandledCommands(p?.commands);
    if (codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });
  documents.listen(connection);
  connection.listen();
}

