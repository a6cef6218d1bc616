// A minimal LSP client over stdio (JSON-RPC with Content-Length framing), enough to start a server,
// open documents, wait for publishDiagnostics and send requests. Answers the server's own requests
// (configuration, registrations, progress) with null so no server waits on us.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export class LspProcess {
  /** `argv`: node arguments (script and flags); spawned with this node binary. */
  constructor(argv, { cwd, env } = {}) {
    this.t0 = performance.now();
    this.child = spawn(process.execPath, argv, { cwd, env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.buffer = Buffer.alloc(0);
    this.stderr = '';
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    this.child.stdout.on('data', (chunk) => this.onData(chunk));
    this.child.stderr.on('data', (d) => {
      if (this.stderr.length < 10000) this.stderr += d;
    });
    this.child.stdin.on('error', () => {});
  }

  get pid() {
    return this.child.pid;
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length: *(\d+)/i.exec(header);
      if (!m) throw new Error(`bad LSP header: ${header}`);
      const length = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.onMessage(JSON.parse(body), performance.now());
    }
  }

  onMessage(msg, at) {
    if (msg.id !== undefined && msg.method) {
      // A request from the server.
      const result = msg.method === 'workspace/configuration' ? (msg.params?.items ?? []).map(() => null) : null;
      this.write({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (p) {
        this.pending.delete(msg.id);
        if (msg.error) p.reject(Object.assign(new Error(msg.error.message), { at }));
        else p.resolve({ result: msg.result, at });
      }
      return;
    }
    for (const l of this.listeners) l(msg, at);
  }

  write(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    const p = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.write({ jsonrpc: '2.0', id, method, params });
    return p;
  }

  notify(method, params) {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the time of the first notification matching `pred`, or undefined after `timeoutMs`. */
  waitFor(pred, timeoutMs) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.listeners.delete(l);
        resolve(undefined);
      }, timeoutMs);
      const l = (msg, at) => {
        if (!pred(msg)) return;
        clearTimeout(timer);
        this.listeners.delete(l);
        resolve({ msg, at });
      };
      this.listeners.add(l);
    });
  }

  async initialize(rootUri = null) {
    return this.request('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: {
        textDocument: {
          publishDiagnostics: { relatedInformation: true },
          synchronization: { dynamicRegistration: false, didSave: false },
        },
      },
    });
  }

  open(uri, text, version = 1) {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version, text } });
  }

  /** VmRSS / VmHWM of the server process in bytes (Linux /proc). */
  memory() {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
      return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
    } catch {
      return { rss: NaN, hwm: NaN };
    }
  }

  async stop() {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    const done = await Promise.race([this.exited, new Promise((r) => setTimeout(() => r(undefined), 3000))]);
    if (!done) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}
