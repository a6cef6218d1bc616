/**
 * The server's pipeline over real JSON-RPC (the bundled server.js --stdio): validation while typing is
 * debounced and publishes the last version; file facts are cached until a watched .dockerignore
 * changes; code actions are listed cheaply and resolved (or eager for clients that do not resolve),
 * and a resolve for an old version is refused with ContentModified.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { bundle, startServer, waitFor, type PublishedDiagnostics, type RunningServer } from './robustness/lspClient';

const RESOLVING = { codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] }, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } } };
const WAIT_MS = 20_000;

const codesOf = (p: PublishedDiagnostics | undefined) => (p?.diagnostics as Diagnostic[] | undefined)?.map((d) => d.code) ?? [];
const lastFor = (server: RunningServer, uri: string) => server.published.filter((p) => p.uri === uri).at(-1);

async function published(server: RunningServer, uri: string, version: number, count = 1): Promise<PublishedDiagnostics> {
  await waitFor(() => server.published.filter((p) => p.uri === uri && p.version === version).length >= count, WAIT_MS, `diagnostics for ${uri} v${version}`);
  return server.published.filter((p) => p.uri === uri && p.version === version).at(-1)!;
}

describe('server pipeline', { timeout: 60_000 }, () => {
  let server: RunningServer;
  let eager: RunningServer;
  let root: string;

  before(async () => {
    bundle();
    root = mkdtempSync(join(tmpdir(), 'dfs-pipeline-'));
    const settings = {};
    server = await startServer({ rootUri: pathToFileURL(root).href, settings, textDocument: RESOLVING });
    eager = await startServer({ rootUri: pathToFileURL(root).href, settings });
  });

  after(async () => {
    await server?.stop();
    await eager?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('rapid changes are validated once typing pauses, for the last version', async () => {
    const uri = 'file:///pipeline/typing/Dockerfile';
    await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine AS a\n' } });
    await published(server, uri, 1);
    const changes = 10;
    for (let v = 2; v <= changes + 1; v++) {
      // Each intermediate text has a problem; only the last is clean except for its own.
      const text = v === changes + 1 ? 'FROM alpine AS a\nFROM alpine\nCOPY --from=a / /\n' : `FROM alpine AS a\nFROM alpine\nCOPY --from=missing${v} / /\n`;
      await server.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
    }
    const last = await published(server, uri, changes + 1);
    assert.deepEqual(codesOf(last), []);
    const intermediate = server.published.filter((p) => p.uri === uri && p.version !== undefined && p.version > 1 && p.version <= changes);
    assert.ok(intermediate.length < changes - 1, `every keystroke was validated: ${intermediate.map((p) => p.version).join(', ')}`);
    assert.equal(lastFor(server, uri)?.version, changes + 1, 'an older version was published after the last one');
  });

  test('file facts are read once and re-read only when a watched .dockerignore changes', async () => {
    const dockerfile = join(root, 'Dockerfile');
    const uri = pathToFileURL(dockerfile).href;
    const text = 'FROM alpine\nCOPY . /app\n';
    writeFileSync(dockerfile, text);
    await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    assert.ok(codesOf(await published(server, uri, 1)).includes('missing-dockerignore'));

    const ignore = join(root, '.dockerignore');
    writeFileSync(ignore, '.git\n');
    // Typing does not stat the disk: the cached fact stands until the watcher reports the file.
    await server.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text + '# typed\n' }] });
    assert.ok(codesOf(await published(server, uri, 2)).includes('missing-dockerignore'));

    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(ignore).href, type: 1 }] });
    const after = await published(server, uri, 2, 2);
    assert.ok(!codesOf(after).includes('missing-dockerignore'), `still reported: ${codesOf(after).join(', ')}`);
  });

  test('code actions: listed without edits and resolved for a resolving client, eager otherwise; a stale resolve is refused', async () => {
    const uri = 'file:///pipeline/actions/Dockerfile';
    const text = 'FROM alpine AS builder\nRUN true\nFROM alpine\nCOPY --from=biulder / /\n';
    const range = { start: { line: 3, character: 12 }, end: { line: 3, character: 19 } };
    for (const s of [server, eager]) {
      await s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    }
    const typo = ((await published(server, uri, 1)).diagnostics as Diagnostic[]).find((d) => d.code === 'unknown-stage')!;
    const params = { textDocument: { uri }, range, context: { diagnostics: [typo], only: ['quickfix'] } };

    const [eagerFix] = await eager.request<CodeAction[]>('textDocument/codeAction', params);
    assert.equal(eagerFix.title, "Change to 'builder'");
    assert.ok(eagerFix.edit);

    const [listed] = await server.request<CodeAction[]>('textDocument/codeAction', params);
    assert.equal(listed.title, "Change to 'builder'");
    assert.equal(listed.edit, undefined);
    assert.deepEqual(listed.data, { uri, version: 1, id: 'quickfix:0', range });
    const resolved = await server.request<CodeAction>('codeAction/resolve', listed);
    assert.deepEqual(resolved.edit, eagerFix.edit);

    const fixAll = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    assert.ok(!fixAll.some((a) => a.kind === 'source.fixAll.dockerfile-stages'), 'fix-all offered without being asked for');

    await server.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text + 'RUN true\n' }] });
    try {
      await server.request('codeAction/resolve', listed);
      assert.fail('a resolve for version 1 was answered on version 2');
    } catch (e) {
      assert.ok(e instanceof ResponseError, String(e));
      assert.equal(e.code, LSPErrorCodes.ContentModified);
    }
  });

  test('checkFiles: unopened Dockerfiles get their diagnostics; open ones are skipped; closing a checked file keeps them', async () => {
    const typo = 'FROM alpine AS builder\nRUN true\nFROM alpine\nCOPY --from=buidler /a /a\n';
    const closed = 'file:///pipeline/check/closed/Dockerfile';
    const open = 'file:///pipeline/check/open/Dockerfile';
    await server.notify('textDocument/didOpen', { textDocument: { uri: open, languageId: 'dockerfile', version: 1, text: typo } });
    await published(server, open, 1);
    const result = await server.request<{ checked: number; problems: number; skipped: string[] }>('dockerfileStages/checkFiles', {
      files: [{ uri: closed, text: typo }, { uri: open, text: typo }, { uri: 'file:///pipeline/check/huge/Dockerfile', text: 'x'.repeat(1024 * 1024 + 1) }, { uri: 42 }],
    });
    assert.deepEqual(result.skipped, [open, 'file:///pipeline/check/huge/Dockerfile']);
    assert.equal(result.checked, 1);
    const checked = lastFor(server, closed);
    assert.ok(codesOf(checked).includes('unknown-stage'), `published: ${codesOf(checked).join(', ')}`);
    assert.equal(result.problems, checked?.diagnostics.length);

    // Opened, it is validated as it changes; closed again, it keeps the problems of its last text.
    await server.notify('textDocument/didOpen', { textDocument: { uri: closed, languageId: 'dockerfile', version: 1, text: typo } });
    await published(server, closed, 1);
    const count = server.published.filter((p) => p.uri === closed).length;
    await server.notify('textDocument/didClose', { textDocument: { uri: closed } });
    await waitFor(() => server.published.filter((p) => p.uri === closed).length > count, WAIT_MS, 'diagnostics after close');
    assert.ok(codesOf(lastFor(server, closed)).includes('unknown-stage'), 'closing a checked file cleared its problems');
    // An unchecked file is cleared on close, as before.
    await server.notify('textDocument/didClose', { textDocument: { uri: open } });
    await waitFor(() => lastFor(server, open)?.version === undefined, WAIT_MS, 'diagnostics of the closed open file cleared');
    assert.deepEqual(codesOf(lastFor(server, open)), []);

    assert.deepEqual(await server.request('dockerfileStages/checkFiles', null), { checked: 0, problems: 0, skipped: [] });
  });
});
