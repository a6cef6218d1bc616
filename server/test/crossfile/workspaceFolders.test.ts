/**
 * Multi-root workspaces: a folder added while the server runs is indexed (its Compose/Bake files
 * count as users of the Dockerfiles they build), and a removed folder's files stop counting.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location } from 'vscode-languageserver-types';
import { positionOf } from '../helpers';
import { bundle, startServer, type RunningServer } from '../robustness/lspClient';
import { CROSSFILE } from './support';

let root: string;
let server: RunningServer;

before(async () => {
  bundle();
  root = mkdtempSync(join(tmpdir(), 'dfs-folders-'));
  mkdirSync(join(root, 'empty'));
  cpSync(join(CROSSFILE, 'shop'), join(root, 'shop'), { recursive: true });
  server = await startServer({ workspaceFolders: [{ uri: pathToFileURL(join(root, 'empty')).href, name: 'empty' }] });
});

after(async () => {
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

test('a workspace folder added later is indexed; removed, its files no longer count', async () => {
  const shop = { uri: pathToFileURL(join(root, 'shop')).href, name: 'shop' };
  const dockerfile = join(root, 'shop', 'api', 'Dockerfile');
  const uri = pathToFileURL(dockerfile).href;
  const text = readFileSync(dockerfile, 'utf8');
  await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  const users = async () =>
    (await server.request<Location[]>('textDocument/references', { textDocument: { uri }, position: positionOf(text, 'AS test', 4), context: { includeDeclaration: false } })).map((l) =>
      l.uri.slice(l.uri.lastIndexOf('/') + 1),
    );
  assert.deepEqual(await users(), []);

  await server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [shop], removed: [] } });
  let found: string[] = [];
  for (let i = 0; i < 100 && !found.includes('docker-bake.hcl'); i++) {
    found = await users();
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(found, ['docker-bake.hcl']);

  await server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [shop] } });
  for (let i = 0; i < 100 && found.length > 0; i++) {
    found = await users();
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(found, []);
});
