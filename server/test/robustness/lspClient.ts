/**
 * Driving the bundled language server (server/dist/server.js --stdio) over real JSON-RPC for the
 * protocol and network tests: bundling once, starting it (optionally under a `--require` preload),
 * answering its workspace/configuration requests, recording published diagnostics, and stopping it.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node';

export const ROOT = join(__dirname, '..', '..', '..');
export const SERVER = join(ROOT, 'server', 'dist', 'server.js');
export const CLI = join(ROOT, 'server', 'dist', 'cli.js');
export const NO_NETWORK = join(__dirname, 'no-network.cjs');

/** Bundles server and CLI (esbuild.mjs) and checks server.js is fresh. */
export function bundle(): void {
  const started = Date.now();
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  const fresh = statSync(SERVER, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  assert.ok(fresh >= started - 1000, `server/dist/server.js was not built:\n${build.stderr}`);
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: unknown[];
}

export interface RunningServer {
  child: ChildProcessWithoutNullStreams;
  connection: MessageConnection;
  /** Every textDocument/publishDiagnostics notification, in arrival order. */
  published: PublishedDiagnostics[];
  stderr: () => string;
  request<R>(method: string, params: unknown): Promise<R>;
  notify(method: string, params: unknown): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Modules to `--require` before the server (e.g. NO_NETWORK). */
  preload?: string[];
  env?: Record<string, string>;
  /** What workspace/configuration answers for section dockerfileStages. */
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
  rootUri?: string | null;
  /** Extra client capabilities under `textDocument` (e.g. codeAction resolve support). */
  textDocument?: Record<string, unknown>;
  /** Arguments after `--stdio` (e.g. `--code-cache-dir=…`). */
  serverArgs?: string[];
  /** Start the server as other editors do, `dockerfile-stages lsp --stdio` (the CLI bundle), instead of server.js. */
  viaCli?: boolean;
  /** Workspace folders; given, the client also announces workspace folder change notifications. */
  workspaceFolders?: { uri: string; name: string }[];
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const args = [...(options.preload ?? []).flatMap((p) => ['--require', p]), '--expose-gc', ...(options.viaCli ? [CLI, 'lsp'] : [SERVER]), '--stdio', ...(options.serverArgs ?? [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...options.env } });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => (stderr = (stderr + d).slice(-20_000)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishedDiagnostics[] = [];
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section === 'dockerfileStages' ? (options.settings ?? {}) : null)),
  );
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => void published.push(p));
  connection.onRequest(() => null);
  connection.onNotification(() => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: options.rootUri ?? null,
    workspaceFolders: options.workspaceFolders ?? null,
    initializationOptions: options.initializationOptions,
    capabilities: {
      workspace: { configuration: true, codeLens: { refreshSupport: true }, ...(options.workspaceFolders ? { workspaceFolders: true } : {}) },
      textDocument: {
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        rename: { prepareSupport: true },
        publishDiagnostics: { versionSupport: true },
        ...options.textDocument,
      },
    },
  });
  await connection.sendNotification('initialized', {});
  return {
    child,
    connection,
    published,
    stderr: () => stderr,
    request: <R>(method: string, params: unknown) => connection.sendRequest(method, params) as Promise<R>,
    notify: (method: string, params: unknown) => connection.sendNotification(method, params),
    stop: () => stopServer(child, connection),
  };
}

/** shutdown + exit, then a kill if it is still there: never leaves a process behind. */
export async function stopServer(child: ChildProcessWithoutNullStreams | undefined, connection: MessageConnection | undefined): Promise<void> {
  if (!child) return;
  const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  try {
    if (connection && child.exitCode === null) {
      await Promise.race([connection.sendRequest('shutdown'), delay(2000)]);
      await connection.sendNotification('exit');
    }
  } catch {
    // Already gone.
  }
  await Promise.race([exited, delay(2000)]);
  connection?.dispose();
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `condition` holds (polling), failing after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new assert.AssertionError({ message: `timed out waiting for ${what}` });
    await delay(20);
  }
}
