#!/usr/bin/env node
// `npm start`: a real VS Code (code-server) with this extension loaded for development
// (the extensionDevelopmentPath equivalent) and test-fixtures/ as the workspace. Open the
// printed URL in a browser; Ctrl-C stops code-server (its whole process group).
// Builds nothing: run `node esbuild.mjs` (or `node esbuild.mjs --watch` alongside) first, then
// "Developer: Reload Window" in the workbench picks up a new build.
//
// Usage: node scripts/vscode/start.mjs [--port N] [--workspace DIR] [--fresh]
//   --port N        listen on 127.0.0.1:N (default 4777, or a free port if that one is taken)
//   --fresh         a throw-away profile instead of the one kept in .tools/dev-profile/
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { ensureInstalled, isInstalled, killGroupSync, log, makeSandbox, ROOT, startCodeServer, stopGroup, TOOLS, workbenchUrl } from './lib.mjs';

const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
const workspace = resolve(arg('--workspace', join(ROOT, 'test-fixtures')));
const wantedPort = Number(arg('--port', '4777'));
const fresh = argv.includes('--fresh');

function portFree(port) {
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(false));
    s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
  });
}

if (!existsSync(join(ROOT, 'client', 'dist', 'extension.js'))) {
  console.error('[vscode] client/dist/extension.js is missing: run `node esbuild.mjs` first (the workbench opens anyway)');
}
if (!isInstalled()) {
  try {
    await ensureInstalled();
  } catch (e) {
    console.error(`[vscode] install failed: ${e.message}`);
    process.exit(1);
  }
}

let sandbox;
if (fresh) sandbox = makeSandbox('dockerfile-stages-dev-');
else {
  // A kept profile: settings, opened editors and UI state survive restarts.
  const dir = join(TOOLS, 'dev-profile');
  const sub = (n) => {
    const p = join(dir, n);
    mkdirSync(p, { recursive: true });
    return p;
  };
  sandbox = {
    dir,
    userData: sub('user-data'),
    extensions: sub('extensions'),
    config: sub('xdg-config'),
    data: sub('xdg-data'),
    cache: sub('xdg-cache'),
    tmp: sub('tmp'),
    dispose() {},
  };
}

const port = (await portFree(wantedPort)) ? wantedPort : 0;
let server;
let stopping = false;
async function stop(why, code) {
  if (stopping) return;
  stopping = true;
  log(`${why}: stopping code-server`);
  await stopGroup(server?.child);
  sandbox.dispose();
  process.exit(code);
}
process.on('exit', () => killGroupSync(server?.child));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig, 0));

try {
  // Extension development needs the smoke-test driver flag: without it code-server's built
  // workbench ignores the URL's payload (extensionDevelopmentPath).
  server = await startCodeServer({ sandbox, folder: workspace, port, quiet: false });
} catch (e) {
  console.error(`[vscode] ${e.message}`);
  process.exit(1);
}
const url = workbenchUrl(server.url, { folder: workspace, extensionPath: ROOT });
console.log(`\n  Dockerfile Stages in VS Code ${'(code-server)'}: open\n\n  ${url}\n\n  Ctrl-C stops it.\n`);
server.exitPromise.then((e) => {
  if (!stopping) {
    console.error(`[vscode] code-server exited (${e.code ?? e.signal})`);
    sandbox.dispose();
    process.exit(1);
  }
});
