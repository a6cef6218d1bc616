/**
 * The bundled server over stdio with a Compose/Bake/workflow project as its workspace: documents are
 * dispatched by language id and file name (a compose.yaml is never read as a Dockerfile), the index
 * follows workspace/didChangeWatchedFiles, and a stage rename edits every file in one WorkspaceEdit.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node';
import type { Diagnostic, Hover, Location, MarkupContent, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { positionOf } from '../helpers';
import { CROSSFILE } from './support';

const ROOT = join(__dirname, '..', '..', '..');
const SERVER = join(ROOT, 'server', 'dist', 'server.js');

let child: ChildProcessWithoutNullStreams | undefined;
let connection: MessageConnection;
let dir: string;
const published = new Map<string, Diagnostic[][]>();
let indexed: Promise<void>;

const uriOf = (rel: string) => pathToFileURL(join(dir, rel)).href;
const textOf = (rel: string) => readFileSync(join(dir, rel), 'utf8');

async function open(rel: string, languageId: string, text = textOf(rel)): Promise<void> {
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(rel), languageId, version: 1, text } });
}

/** The first diagnostics published for `rel` after `since` publications. */
async function diagnosticsOf(rel: string, since = 0): Promise<Diagnostic[]> {
  for (let i = 0; i < 200; i++) {
    const list = published.get(uriOf(rel)) ?? [];
    if (list.length > since) return list[list.length - 1];
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no diagnostics published for ${rel}`);
}

describe('cross-file features over stdio', { timeout: 60_000 }, () => {
  before(async () => {
    spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    dir = mkdtempSync(join(tmpdir(), 'dfs-crossfile-lsp-'));
    cpSync(join(CROSSFILE, 'shop'), dir, { recursive: true });
    writeFileSync(join(dir, 'compose.yaml'), textOf('compose.yaml').replace('target: worker', 'target: wroker'));
    writeFileSync(join(dir, 'notes.yaml'), 'services:\n  a:\n    build: .\n');

    child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT });
    child.stderr.resume();
    connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    let ready!: () => void;
    indexed = new Promise((r) => (ready = r));
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      if (p.message.startsWith('cross-file index:')) ready();
    });
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      published.set(p.uri, [...(published.get(p.uri) ?? []), p.diagnostics]);
    });
    connection.onRequest(() => null);
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
    await connection.sendNotification('initialized', {});
    await indexed;
  });

  after(async () => {
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
    child?.kill();
  });

  test('compose.yaml opened as yaml gets its target check, never Dockerfile syntax errors', async () => {
    await open('compose.yaml', 'yaml');
    const diagnostics = await diagnosticsOf('compose.yaml');
    assert.deepEqual(diagnostics.map((d) => [d.code, (d.data as { target?: string }).target]), [['unknown-build-target', 'wroker']]);
  });

  test('a document we do not understand gets no diagnostics and no features', async () => {
    await open('notes.yaml', 'yaml');
    await open('README.md', 'markdown', 'FROM nowhere\nservices:\n');
    assert.deepEqual(await diagnosticsOf('notes.yaml'), []);
    assert.deepEqual(await diagnosticsOf('README.md'), []);
    assert.equal(await connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf('README.md') }, position: { line: 0, character: 1 } }), null);
  });

  test('definition from compose.yaml and docker-bake.hcl lands on the stage', async () => {
    await open('docker-bake.hcl', 'hcl');
    for (const [rel, needle] of [['compose.yaml', 'target: runtime'], ['docker-bake.hcl', '"test"']] as const) {
      const pos = positionOf(textOf(rel), needle, needle.length - 3);
      const location = (await connection.sendRequest('textDocument/definition', { textDocument: { uri: uriOf(rel) }, position: pos })) as Location;
      assert.equal(location.uri, uriOf('api/Dockerfile'));
      const stage = needle.includes('runtime') ? 'runtime' : 'test';
      assert.equal(location.range.start.line, positionOf(textOf('api/Dockerfile'), `AS ${stage}`).line);
    }
  });

  test('a Dockerfile: hover names its builders; a new compose file on disk counts once the watcher reports it', async () => {
    await open('api/Dockerfile', 'dockerfile');
    const text = textOf('api/Dockerfile');
    const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf('api/Dockerfile') }, position: positionOf(text, 'AS runtime', 4) })) as Hover;
    assert.match((hover.contents as MarkupContent).value, /Target of compose service api, bake target api, workflow image\.yml/);

    const refs = async () =>
      ((await connection.sendRequest('textDocument/references', {
        textDocument: { uri: uriOf('api/Dockerfile') },
        position: positionOf(text, 'AS test', 4),
        context: { includeDeclaration: false },
      })) as Location[]).map((l) => l.uri.slice(l.uri.lastIndexOf('/') + 1));
    assert.deepEqual(await refs(), ['docker-bake.hcl']);
    writeFileSync(join(dir, 'compose.ci.yaml'), 'services:\n  api-test:\n    build:\n      context: ./api\n      target: test\n');
    await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('compose.ci.yaml'), type: 1 }] });
    assert.deepEqual((await refs()).sort(), ['compose.ci.yaml', 'docker-bake.hcl']);
  });

  test('renaming a stage edits the Dockerfile, compose.yaml, docker-bake.hcl and the workflow in one edit', async () => {
    const text = textOf('api/Dockerfile');
    const edit = (await connection.sendRequest('textDocument/rename', {
      textDocument: { uri: uriOf('api/Dockerfile') },
      position: positionOf(text, 'AS runtime', 4),
      newName: 'release',
    })) as WorkspaceEdit;
    const changes = (edit.documentChanges as TextDocumentEdit[]).map((c) => [c.textDocument.uri.slice(dir.length + 8), c.edits.length, c.textDocument.version]);
    assert.deepEqual(changes.sort(), [
      ['.github/workflows/image.yml', 1, null],
      ['api/Dockerfile', 1, 1],
      ['compose.yaml', 1, 1],
      ['docker-bake.hcl', 1, 1],
    ]);
  });

  test('from a target in compose.yaml or a workflow, rename and references work on the stage it names', async () => {
    const compose = textOf('compose.yaml');
    const at = (rel: string, needle: string, offset: number) => ({ textDocument: { uri: uriOf(rel) }, position: positionOf(textOf(rel), needle, offset) });
    const prepared = (await connection.sendRequest('textDocument/prepareRename', at('compose.yaml', 'target: runtime', 10))) as { range: { start: { line: number; character: number } }; placeholder: string };
    assert.equal(prepared.placeholder, 'runtime');
    assert.deepEqual(prepared.range.start, positionOf(compose, 'runtime'));
    // Nothing renames on a key, nor on the stage of an inline Dockerfile (its text is this file's YAML string).
    assert.equal(await connection.sendRequest('textDocument/prepareRename', at('compose.yaml', 'services:', 2)), null);
    assert.equal(await connection.sendRequest('textDocument/prepareRename', at('compose.yaml', 'target: migrate', 10)), null);

    const edit = (await connection.sendRequest('textDocument/rename', { ...at('compose.yaml', 'target: runtime', 10), newName: 'release' })) as WorkspaceEdit;
    const changes = (edit.documentChanges as TextDocumentEdit[]).map((c) => [c.textDocument.uri.slice(dir.length + 8), c.edits.map((e) => e.newText).join()]);
    assert.deepEqual(changes.sort(), [
      ['.github/workflows/image.yml', 'release'],
      ['api/Dockerfile', 'release'],
      ['compose.yaml', 'release'],
      ['docker-bake.hcl', 'release'],
    ]);
    await assert.rejects(connection.sendRequest('textDocument/rename', { ...at('compose.yaml', 'target: runtime', 10), newName: 'not a name' }), /stage name|invalid|not/i);

    const refs = (await connection.sendRequest('textDocument/references', { ...at('.github/workflows/image.yml', 'target: runtime', 10), context: { includeDeclaration: true } })) as Location[];
    const files = new Set(refs.map((l) => l.uri.slice(dir.length + 8)));
    for (const f of ['api/Dockerfile', 'compose.yaml', '.github/workflows/image.yml']) assert.ok(files.has(f), `${f} missing from ${[...files].join(', ')}`);
  });
});
