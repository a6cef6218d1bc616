/**
 * A client that goes away while the server still works (a validation reading the disk) ends the
 * session quietly: nothing the server sends afterwards may throw or reject unobserved, which kills a
 * server hosted in-process (as in the wiring tests, where it failed the suite once on a loaded machine).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { createMessageConnection } from 'vscode-jsonrpc/node';
import { startServer } from '../src/server';

test('closing the connection while documents are being validated rejects nothing unobserved', async () => {
  const unobserved: unknown[] = [];
  const onRejection = (e: unknown) => unobserved.push(e);
  process.on('unhandledRejection', onRejection);
  const root = mkdtempSync(join(tmpdir(), 'dfs-closing-'));
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)));
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  client.listen();
  try {
    await client.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(root).href, capabilities: {} });
    await client.sendNotification('initialized', {});
    for (let i = 0; i < 20; i++) {
      const file = join(root, `Dockerfile.${i}`);
      const text = `FROM alpine AS b${i}\nCOPY . /app\nFROM scratch\nCOPY --from=b${i} /app /app\n`;
      writeFileSync(file, text);
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(file).href, languageId: 'dockerfile', version: 1, text } });
    }
    toServer.end(); // gone while the server reads the build context of the documents just opened
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(unobserved.map(String), []);
  } finally {
    process.off('unhandledRejection', onRejection);
    client.dispose();
    rmSync(root, { recursive: true, force: true });
  }
});
