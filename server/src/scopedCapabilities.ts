/**
 * Features that only make sense for Dockerfiles (formatting, semantic tokens, folding, symbols,
 * links, signature help, lenses, highlights) are scoped to the Dockerfile document selector the
 * client sends in `initializationOptions.dockerfileSelector`. The VS Code client also sends Compose,
 * Bake and workflow files (for their `target`s); without this scoping we would register as a
 * formatter, a folding and a semantic-token provider for YAML/HCL/JSON and fight the extensions
 * that own those languages. Clients that send no selector get the plain static capabilities.
 */
import {
  CodeLensRequest,
  DocumentFormattingRequest,
  DocumentHighlightRequest,
  DocumentLinkRequest,
  DocumentOnTypeFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  SignatureHelpRequest,
  type Connection,
  type DocumentSelector,
  type InitializeParams,
  type ServerCapabilities,
} from 'vscode-languageserver/node';

type Registration = (connection: Connection, documentSelector: DocumentSelector) => Promise<unknown>;

function selectorOf(params: InitializeParams): DocumentSelector | undefined {
  const value = (params.initializationOptions as { dockerfileSelector?: unknown } | undefined)?.dockerfileSelector;
  return Array.isArray(value) && value.length > 0 ? (value as DocumentSelector) : undefined;
}

/**
 * Rewrites the static capabilities: folding and semantic tokens carry the selector themselves; the
 * others move to dynamic registration (when the client supports it), done by `register` once initialized.
 */
export function scopeToDockerfiles(capabilities: ServerCapabilities, params: InitializeParams): { capabilities: ServerCapabilities; register: (connection: Connection) => void } {
  const documentSelector = selectorOf(params);
  const text = params.capabilities.textDocument;
  if (!documentSelector || !text) return { capabilities, register: () => undefined };
  const scoped: ServerCapabilities = { ...capabilities };
  if (scoped.foldingRangeProvider) scoped.foldingRangeProvider = { documentSelector };
  if (scoped.semanticTokensProvider) scoped.semanticTokensProvider = { ...scoped.semanticTokensProvider, documentSelector };
  const dynamic: Registration[] = [];
  const move = <K extends keyof ServerCapabilities>(key: K, supported: boolean | undefined, registration: Registration) => {
    if (!scoped[key] || !supported) return;
    delete scoped[key];
    dynamic.push(registration);
  };
  const options = <T>(value: T) => (typeof value === 'object' && value !== null ? value : {});
  const c = capabilities;
  move('documentFormattingProvider', text.formatting?.dynamicRegistration, (conn, sel) => conn.client.register(DocumentFormattingRequest.type, { documentSelector: sel }));
  move('documentRangeFormattingProvider', text.rangeFormatting?.dynamicRegistration, (conn, sel) => conn.client.register(DocumentRangeFormattingRequest.type, { documentSelector: sel }));
  move('documentOnTypeFormattingProvider', text.onTypeFormatting?.dynamicRegistration, (conn, sel) =>
    conn.client.register(DocumentOnTypeFormattingRequest.type, { documentSelector: sel, ...(c.documentOnTypeFormattingProvider as { firstTriggerCharacter: string }) }),
  );
  move('documentSymbolProvider', text.documentSymbol?.dynamicRegistration, (conn, sel) => conn.client.register(DocumentSymbolRequest.type, { documentSelector: sel }));
  move('documentLinkProvider', text.documentLink?.dynamicRegistration, (conn, sel) => conn.client.register(DocumentLinkRequest.type, { documentSelector: sel, ...options(c.documentLinkProvider) }));
  move('signatureHelpProvider', text.signatureHelp?.dynamicRegistration, (conn, sel) => conn.client.register(SignatureHelpRequest.type, { documentSelector: sel, ...options(c.signatureHelpProvider) }));
  move('codeLensProvider', text.codeLens?.dynamicRegistration, (conn, sel) => conn.client.register(CodeLensRequest.type, { documentSelector: sel, ...options(c.codeLensProvider) }));
  move('documentHighlightProvider', text.documentHighlight?.dynamicRegistration, (conn, sel) => conn.client.register(DocumentHighlightRequest.type, { documentSelector: sel }));
  return {
    capabilities: scoped,
    register: (connection) => {
      for (const r of dynamic) void r(connection, documentSelector).catch(() => undefined);
    },
  };
}
