/**
 * No network: the bundled server runs under no-network.cjs (every outbound connection, DNS lookup,
 * http(s) request and fetch throws and is recorded) and every capability is exercised — including
 * completion after `FROM image:` with the default settings — with no attempt recorded. With
 * `dockerHubLookups: true` the same completion DOES try Docker Hub (recorded): the setting is what
 * gates it. The CLI's check, fix --dry-run and graph run on every fixture under the preload too.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundle, CLI, NO_NETWORK, ROOT, startServer, waitFor, type RunningServer } from './lspClient';
import { FIXTURES, listFixtures, positionOf, readFixture } from '../helpers';
import { METHODS, STAGE_COMMANDS } from '../../src/protocol';

const FIXTURE = 'buildkit-heavy.Dockerfile';
const text = readFixture(FIXTURE);
const uri = pathToFileURL(join(FIXTURES, FIXTURE)).href;
const tagUri = pathToFileURL(join(FIXTURES, 'tag-completion.Dockerfile')).href;
const tagText = 'FROM alpine:3.20 AS base\nFROM node:\n';
const tagPosition = { line: 1, character: 10 };

let dir: string;
const servers: RunningServer[] = [];

const attempts = (log: string): { api: string; target: string }[] =>
  existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { api: string; target: string }) : [];

async function serverUnderPreload(log: string, settings: Record<string, unknown>, initializationOptions?: unknown): Promise<RunningServer> {
  const server = await startServer({ preload: [NO_NETWORK], env: { NO_NETWORK_LOG: log }, settings, initializationOptions, rootUri: pathToFileURL(FIXTURES).href });
  servers.push(server);
  return server;
}

describe('no network', { timeout: 120_000 }, () => {
  before(() => {
    bundle();
    dir = mkdtempSync(join(tmpdir(), 'no-network-'));
  });

  after(async () => {
    for (const s of servers) await s.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the preload itself blocks and records (so an empty log means something)', () => {
    const log = join(dir, 'self.log');
    const probe = [
      "const r = [];",
      "const t = (f) => { try { f(); r.push('allowed'); } catch (e) { r.push(/network access blocked/.test(e.message) ? 'blocked' : e.message); } };",
      "t(() => require('node:net').connect(80, '127.0.0.1'));",
      "t(() => require('node:tls').connect(443, 'example.com'));",
      "t(() => require('node:dns').lookup('example.com', () => {}));",
      "t(() => require('node:https').get('https://auth.docker.io/token'));",
      "t(() => require('node:http').request('http://127.0.0.1:1'));",
      "t(() => fetch('https://example.com'));",
      "console.log(JSON.stringify(r));",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--require', NO_NETWORK, '-e', probe], { encoding: 'utf8', env: { ...process.env, NO_NETWORK_LOG: log } });
    assert.deepEqual(JSON.parse(run.stdout), Array(6).fill('blocked'), run.stderr);
    assert.deepEqual(attempts(log).map((a) => a.api), ['net.connect', 'tls.connect', 'dns.lookup', 'https.get', 'http.request', 'fetch']);
  });

  test('every capability, default settings: no network attempt', async () => {
    const log = join(dir, 'default.log');
    const server = await serverUnderPreload(log, {}, { handledCommands: Object.values(STAGE_COMMANDS) });
    const doc = { textDocument: { uri } };
    const at = (needle: string, offset = 0) => ({ ...doc, position: positionOf(text, needle, offset) });
    await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    await server.notify('textDocument/didOpen', { textDocument: { uri: tagUri, languageId: 'dockerfile', version: 1, text: tagText } });
    await waitFor(() => server.published.some((p) => p.uri === uri), 30_000, 'diagnostics');

    const answered: string[] = [];
    const ask = async (method: string, params: unknown) => {
      const result = await server.request<unknown>(method, params);
      answered.push(method);
      return result;
    };
    await ask('textDocument/definition', at('FROM base AS gomod', 5));
    await ask('textDocument/references', { ...at('AS base', 3), context: { includeDeclaration: true } });
    await ask('textDocument/documentHighlight', at('AS base', 3));
    await ask('textDocument/prepareRename', at('AS base', 3));
    await ask('textDocument/rename', { ...at('AS base', 3), newName: 'toolchain' });
    await ask('textDocument/hover', at('FROM base AS gomod', 5));
    await ask('textDocument/hover', at('RUN', 1));
    const keyword = (await ask('textDocument/completion', { ...doc, position: { line: positionOf(text, 'WORKDIR /src').line, character: 2 } })) as { label: string }[] | { items: { label: string }[] } | null;
    const items = Array.isArray(keyword) ? keyword : (keyword?.items ?? []);
    if (items[0]) await ask('completionItem/resolve', items[0]);
    await ask('textDocument/completion', at('--from=', 7));
    const tags = (await ask('textDocument/completion', { textDocument: { uri: tagUri }, position: tagPosition })) as unknown[] | { items: unknown[] } | null;
    assert.deepEqual(Array.isArray(tags) ? tags : (tags?.items ?? []), [], 'no tags without the network');
    await ask('textDocument/signatureHelp', at('--mount=type=cache', 8));
    await ask('textDocument/documentSymbol', doc);
    await ask('textDocument/foldingRange', doc);
    await ask('textDocument/semanticTokens/full', doc);
    await ask('textDocument/formatting', { ...doc, options: { tabSize: 4, insertSpaces: true } });
    await ask('textDocument/rangeFormatting', { ...doc, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } }, options: { tabSize: 4, insertSpaces: true } });
    await ask('textDocument/onTypeFormatting', { ...at('sharing=locked \\', 15), ch: '\\', options: { tabSize: 4, insertSpaces: true } });
    const links = (await ask('textDocument/documentLink', doc)) as unknown[];
    if (links[0]) await ask('documentLink/resolve', links[0]);
    await ask('textDocument/codeLens', doc);
    const whole = { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } };
    await ask('textDocument/codeAction', { ...doc, range: whole, context: { diagnostics: server.published.filter((p) => p.uri === uri).at(-1)?.diagnostics ?? [] } });
    await ask('textDocument/codeAction', { ...doc, range: { start: positionOf(text, 'FROM base AS gomod'), end: positionOf(text, 'FROM base AS gomod') }, context: { diagnostics: [], only: ['refactor'] } });
    await ask('textDocument/codeAction', { ...doc, range: whole, context: { diagnostics: [], only: ['source.fixAll.dockerfile-stages'] } });
    await ask(METHODS.stages, { uri });
    await server.notify(METHODS.setTarget, { uri, target: 'gomod' });
    await server.notify(METHODS.handledCommands, { commands: [] });
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(FIXTURES, '.dockerignore')).href, type: 1 }] });
    await server.notify('workspace/didChangeConfiguration', { settings: {} });
    await server.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text + '\nFROM base AS extra\n' }] });
    await waitFor(() => server.published.some((p) => p.uri === uri && p.version === 2), 30_000, 'diagnostics of version 2');
    await server.notify('textDocument/didClose', { textDocument: { uri: tagUri } });
    await ask('textDocument/hover', at('FROM base AS gomod', 5));
    const methods = new Set(answered);
    for (const method of [
      'textDocument/definition', 'textDocument/references', 'textDocument/documentHighlight', 'textDocument/prepareRename', 'textDocument/rename',
      'textDocument/hover', 'textDocument/completion', 'completionItem/resolve', 'textDocument/signatureHelp', 'textDocument/documentSymbol',
      'textDocument/foldingRange', 'textDocument/semanticTokens/full', 'textDocument/formatting', 'textDocument/rangeFormatting',
      'textDocument/onTypeFormatting', 'textDocument/documentLink', 'textDocument/codeLens', 'textDocument/codeAction', METHODS.stages,
    ]) {
      assert.ok(methods.has(method), `${method} not exercised`);
    }
    assert.deepEqual(attempts(log), [], `network attempts:\n${server.stderr()}`);
  });

  test('dockerHubLookups: true — completion after FROM image: does try Docker Hub (the setting gates it)', async () => {
    const log = join(dir, 'lookups.log');
    const server = await serverUnderPreload(log, { dockerHubLookups: true });
    await server.notify('textDocument/didOpen', { textDocument: { uri: tagUri, languageId: 'dockerfile', version: 1, text: tagText } });
    const result = (await server.request<unknown[] | { items: unknown[] } | null>('textDocument/completion', { textDocument: { uri: tagUri }, position: tagPosition })) ?? [];
    assert.deepEqual(Array.isArray(result) ? result : result.items, [], 'the blocked lookup gives no tags, and no crash');
    const tried = attempts(log);
    assert.ok(tried.length > 0, 'a lookup was attempted');
    assert.ok(tried.every((a) => a.api === 'https.get' && /docker\.io/.test(a.target)), JSON.stringify(tried));
    // And the server is still there.
    assert.ok(await server.request('textDocument/hover', { textDocument: { uri: tagUri }, position: { line: 0, character: 2 } }));
  });

  test('the CLI (check, fix --dry-run, graph) on every fixture: no network attempt', () => {
    const log = join(dir, 'cli.log');
    const env = { ...process.env, NO_NETWORK_LOG: log };
    const files = listFixtures().map((f) => join(FIXTURES, f));
    const check = spawnSync(process.execPath, ['--require', NO_NETWORK, CLI, 'check', '--format', 'json', ...files], { cwd: ROOT, env, encoding: 'utf8' });
    assert.ok(check.status === 0 || check.status === 1, `check exited ${check.status}: ${check.stderr}`);
    assert.equal((JSON.parse(check.stdout) as unknown[]).length > 0, true);
    const fix = spawnSync(process.execPath, ['--require', NO_NETWORK, CLI, 'fix', '--dry-run', ...files], { cwd: ROOT, env, encoding: 'utf8' });
    assert.ok(fix.status === 0 || fix.status === 1, `fix exited ${fix.status}: ${fix.stderr}`);
    for (const file of files.slice(0, 5)) {
      const graph = spawnSync(process.execPath, ['--require', NO_NETWORK, CLI, 'graph', file], { cwd: ROOT, env, encoding: 'utf8' });
      assert.equal(graph.status, 0, graph.stderr);
    }
    assert.deepEqual(attempts(log), []);
  });
});
