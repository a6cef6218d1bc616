/**
 * The bundled server (server/dist/server.js --stdio) driven over real JSON-RPC, the way Neovim or any
 * other LSP client drives it: every capability it announces answers, and it exits on shutdown/exit.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  ResponseError,
  LSPErrorCodes,
  type MessageConnection,
} from 'vscode-languageserver/node';
import type {
  CompletionItem,
  CompletionList,
  DocumentHighlight,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  MarkupContent,
  SemanticTokens,
  SignatureHelp,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { buildModel } from '../src/service/model';
import { documentSymbols } from '../src/service/symbols';
import { foldingRanges } from '../src/service/folding';
import { semanticTokens } from '../src/service/semanticTokens';
import { positionOf, readFixture } from './helpers';

const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'server', 'dist', 'server.js');
const FIXTURE = 'go-service.Dockerfile';
const text = readFixture(FIXTURE);
const uri = `file:///protocol/${FIXTURE}`;
const formatUri = 'file:///protocol/format/Dockerfile';
const onTypeUri = 'file:///protocol/on-type/Dockerfile';
const settings = { target: '', dockerHubLookups: false };

let child: ChildProcessWithoutNullStreams | undefined;
let connection: MessageConnection;
const configurationRequests: unknown[] = [];

const doc = { textDocument: { uri } };
const at = (needle: string, offset = 0, occurrence = 1) => ({ ...doc, position: positionOf(text, needle, offset, occurrence) });
const request = <R>(method: string, params: unknown) => connection.sendRequest(method, params) as Promise<R>;
const lineOf = (needle: string) => positionOf(text, needle).line;

/** The rejection of a request, which must be a JSON-RPC error. */
async function refusal(method: string, params: unknown): Promise<ResponseError<unknown>> {
  try {
    await request(method, params);
  } catch (e) {
    assert.ok(e instanceof ResponseError, `not a response error: ${e}`);
    return e;
  }
  throw new assert.AssertionError({ message: `${method} was expected to be refused` });
}

describe('the language server over stdio', { timeout: 60_000 }, () => {
  before(async () => {
    // esbuild writes every bundle it can; another bundle failing must not hide a stale server.js.
    const started = Date.now();
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    const fresh = statSync(SERVER, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    assert.ok(fresh >= started - 1000, `server/dist/server.js was not built:\n${build.stderr}`);

    child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT });
    child.stderr.resume();
    connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onRequest('workspace/configuration', (params: { items: { section?: string; scopeUri?: string }[] }) => {
      configurationRequests.push(params);
      return params.items.map((item) => (item.section === 'dockerfileStages' ? settings : null));
    });
    // Anything else the server asks (capability registration, progress) is simply acknowledged.
    connection.onRequest(() => null);
    connection.onNotification(() => undefined);
    connection.listen();

    const init = await request<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          rename: { prepareSupport: true },
        },
      },
    });
    for (const capability of [
      'definitionProvider',
      'referencesProvider',
      'documentHighlightProvider',
      'renameProvider',
      'hoverProvider',
      'completionProvider',
      'documentSymbolProvider',
      'foldingRangeProvider',
      'semanticTokensProvider',
      'documentFormattingProvider',
      'documentRangeFormattingProvider',
      'documentOnTypeFormattingProvider',
      'signatureHelpProvider',
      'documentLinkProvider',
    ]) {
      assert.ok(init.capabilities[capability], `capability ${capability} missing`);
    }
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: formatUri, languageId: 'dockerfile', version: 1, text: 'FROM alpine\n   RUN true\n' },
    });
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: onTypeUri, languageId: 'dockerfile', version: 1, text: 'FROM alpine\nRUN a \\\nb\n' },
    });
  });

  after(() => {
    connection?.dispose();
    if (child && child.exitCode === null && child.signalCode === null) child.kill();
  });

  test('definition, references and highlights of a stage', async () => {
    const build = positionOf(text, 'AS build', 3);
    const buildRange = { start: build, end: { line: build.line, character: build.character + 5 } };
    assert.deepEqual(await request<Location>('textDocument/definition', at('--from=build', 8)), { uri, range: buildRange });
    const refs = await request<Location[]>('textDocument/references', { ...at('AS deps', 4), context: { includeDeclaration: true } });
    assert.deepEqual(
      refs.map((l) => l.range.start.line),
      [lineOf('AS deps'), lineOf('FROM deps AS build'), lineOf('FROM deps AS test')],
    );
    const highlights = await request<DocumentHighlight[]>('textDocument/documentHighlight', at('AS build', 4));
    assert.deepEqual(highlights.map((h) => [h.range.start.line, h.kind]), [[lineOf('AS build'), 3], [lineOf('--from=build'), 2]]);
  });

  test('prepareRename and rename; invalid and taken names are refused with RequestFailed and the reason', async () => {
    const test = positionOf(text, 'AS test', 3);
    const range = { start: test, end: { line: test.line, character: test.character + 4 } };
    assert.deepEqual(await request('textDocument/prepareRename', at('AS test', 4)), { range, placeholder: 'test' });
    const edit = await request<WorkspaceEdit>('textDocument/rename', { ...at('AS test', 4), newName: 'unit' });
    assert.deepEqual(edit.documentChanges, [{ textDocument: { uri, version: 1 }, edits: [{ range, newText: 'unit' }] }]);
    const invalid = await refusal('textDocument/rename', { ...at('AS test', 4), newName: 'Foo' });
    assert.equal(invalid.code, LSPErrorCodes.RequestFailed);
    assert.match(invalid.message, /not a valid stage name/);
    const taken = await refusal('textDocument/rename', { ...at('AS test', 4), newName: 'deps' });
    assert.deepEqual([taken.code, /already exists/.test(taken.message)], [LSPErrorCodes.RequestFailed, true]);
    const nowhere = await refusal('textDocument/rename', { ...at('WORKDIR', 2), newName: 'x' });
    assert.deepEqual([nowhere.code, /stage name or a reference/.test(nowhere.message)], [LSPErrorCodes.RequestFailed, true]);
  });

  test('prepareRename where nothing can be renamed answers null, not an error', async () => {
    for (const params of [at('WORKDIR', 2), at('golang', 1), { ...doc, position: { line: 0, character: 0 } }, { ...doc, position: { line: 10_000, character: 3 } }]) {
      assert.equal(await request('textDocument/prepareRename', params), null, JSON.stringify(params.position));
    }
    // Every line at its start, middle and end: a range with its placeholder, or null; never an error.
    const answers = { range: 0, null: 0 };
    for (const [line, content] of text.split('\n').entries()) {
      for (const character of new Set([0, content.length >> 1, content.length])) {
        const answer = await request<{ range: unknown; placeholder: string } | null>('textDocument/prepareRename', { ...doc, position: { line, character } });
        if (answer === null) answers.null++;
        else {
          assert.ok(answer.range && typeof answer.placeholder === 'string', JSON.stringify(answer));
          answers.range++;
        }
      }
    }
    assert.ok(answers.range > 0 && answers.null > 0, JSON.stringify(answers));
  });

  test('hover: ours on a stage reference, the base service on a keyword', async () => {
    const stage = await request<Hover>('textDocument/hover', at('FROM deps', 6));
    assert.match((stage.contents as MarkupContent).value, /^\*\*Stage `deps`\*\* \(stage 0\)/);
    const keyword = await request<Hover>('textDocument/hover', at('WORKDIR', 2));
    assert.match((keyword.contents as MarkupContent).value, /working directory/);
  });

  test('completion: stage names after --from=, keywords from the base service, resolve', async () => {
    const stages = await request<CompletionItem[] | CompletionList>('textDocument/completion', at('--from=build', 7));
    assert.deepEqual(itemsOf(stages).map((i) => i.label), ['deps', 'build', 'test']);
    const keywords = itemsOf(await request<CompletionItem[] | CompletionList>('textDocument/completion', { ...doc, position: { line: 1, character: 0 } }));
    const workdir = keywords.find((i) => i.label.startsWith('WORKDIR '));
    assert.ok(workdir, `no WORKDIR among ${keywords.map((i) => i.label).join(', ')}`);
    const resolved = await request<CompletionItem>('completionItem/resolve', workdir);
    assert.ok(resolved.documentation, 'the base item gains its documentation');
    assert.ok(configurationRequests.length > 0, 'settings are pulled with workspace/configuration');
  });

  test('document symbols, folding ranges and semantic tokens equal the service results', async () => {
    const model = buildModel(text, uri, 1);
    assert.deepEqual(await request<DocumentSymbol[]>('textDocument/documentSymbol', doc), json(documentSymbols(model)));
    assert.deepEqual(await request<FoldingRange[]>('textDocument/foldingRange', doc), json(foldingRanges(model)));
    const tokens = await request<SemanticTokens>('textDocument/semanticTokens/full', doc);
    assert.deepEqual(tokens.data, semanticTokens(model).data);
    assert.ok(tokens.data.length > 0);
  });

  test('formatting, range formatting and on-type formatting through the base service', async () => {
    const indented = { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } };
    const options = { tabSize: 4, insertSpaces: true };
    const formatDoc = { textDocument: { uri: formatUri } };
    assert.deepEqual(await request<TextEdit[]>('textDocument/formatting', { ...formatDoc, options }), [{ range: indented, newText: '' }]);
    assert.deepEqual(
      await request<TextEdit[]>('textDocument/rangeFormatting', { ...formatDoc, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 11 } }, options }),
      [{ range: indented, newText: '' }],
    );
    // Typing the escape character at a line end indents the continuation line.
    const onType = await request<TextEdit[]>('textDocument/onTypeFormatting', { textDocument: { uri: onTypeUri }, position: { line: 1, character: 7 }, ch: '\\', options });
    assert.deepEqual(onType, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '    ' }]);
  });

  test('signature help and document links through the base service', async () => {
    const help = await request<SignatureHelp>('textDocument/signatureHelp', at('COPY --from=build', 5));
    assert.match(help.signatures[help.activeSignature ?? 0].label, /^COPY/);
    const links = await request<DocumentLink[]>('textDocument/documentLink', doc);
    const golang = links.find((l) => l.range.start.line === lineOf('FROM golang'));
    assert.ok(golang, 'a link on the golang base image');
    const resolved = await request<DocumentLink>('documentLink/resolve', golang);
    assert.match(resolved.target ?? '', /golang/);
  });

  test('shutdown and exit end the process', async () => {
    const proc = child as ChildProcessWithoutNullStreams;
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    await request('shutdown', null);
    await connection.sendNotification('exit');
    assert.equal(await exited, 0);
  });
});

function itemsOf(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  return !result ? [] : Array.isArray(result) ? result : result.items;
}

/** What a value looks like after a JSON round trip (undefined properties vanish). */
function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
