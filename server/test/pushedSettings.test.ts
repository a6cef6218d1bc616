/**
 * Clients that cannot be asked for settings (no workspace/configuration capability, as Neovim before
 * 0.8) send them with workspace/didChangeConfiguration; the server applies them to every document.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver-types';

const ROOT = join(__dirname, '..', '..');
const TYPO = 'FROM golang:1.22 AS builder\nRUN true\n\nFROM alpine:3.20\nCOPY --from=biulder /app /app\n';

test('settings pushed with didChangeConfiguration apply when the client cannot be asked', { timeout: 60_000 }, async () => {
  assert.equal(spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT }).status, 0);
  const child = spawn(process.execPath, [join(ROOT, 'server', 'dist', 'server.js'), '--stdio'], { cwd: ROOT });
  child.stderr.resume();
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: Diagnostic[][] = [];
  let waiting: (() => void) | undefined;
  connection.onNotification('textDocument/publishDiagnostics', (p: { diagnostics: Diagnostic[] }) => {
    published.push(p.diagnostics);
    waiting?.();
  });
  connection.onRequest('workspace/configuration', () => assert.fail('the client did not declare workspace/configuration'));
  connection.onRequest(() => null);
  connection.listen();
  const nextPublish = () => new Promise<Diagnostic[]>((resolve) => (waiting = () => resolve(published[published.length - 1])));
  const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: false } } });
    await connection.sendNotification('initialized', {});
    let next = nextPublish();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///pushed/Dockerfile', languageId: 'dockerfile', version: 1, text: TYPO } });
    assert.ok(codes(await next).includes('unknown-stage'), 'defaults before any push');
    next = nextPublish();
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: { dockerfileStages: { rules: { 'unknown-stage': 'off' } } } });
    assert.ok(!codes(await next).includes('unknown-stage'), 'the pushed rule setting applies');
    next = nextPublish();
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: { other: true } });
    assert.ok(!codes(await next).includes('unknown-stage'), 'a push without our section keeps what was pushed');
  } finally {
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
    child.kill();
  }
});
