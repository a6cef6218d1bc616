/**
 * A private Docker engine for tests: starts `dockerd` on a unix socket inside a fresh temp
 * dir (own data-root, exec-root, pidfile, config file), imports a tiny base image made from
 * the host's static busybox, and tears everything down again (also on test failure, process
 * exit, SIGINT/SIGTERM/SIGHUP).
 *
 * No registry is ever contacted: builds run with `--network=none`, the base image comes from
 * the local image store, and `FROM scratch` needs nothing.
 *
 * Usage in a suite (see buildkit-facts.test.ts):
 *
 *   describe('my facts', { skip: engineSkipReason() }, () => {
 *     const suite = useEngine();
 *     it('does X', async (t) => {
 *       const engine = suite.get(t); if (!engine) return;   // skipped (non-CI, no engine)
 *       const r = await engine.build(`FROM ${BASE_IMAGE}\nRUN true\n`);
 *     });
 *   });
 *
 * Every command is spawned with an argv array, never through a shell.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, copyFile, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, after, type TestContext } from 'node:test';

// ---------------------------------------------------------------------------------------------
// Configuration (all overridable through the environment, defaults match Debian bookworm)
// ---------------------------------------------------------------------------------------------

/** The docker CLI. Must be the 20.10 client: it drives BuildKit itself with DOCKER_BUILDKIT=1
 *  (a newer client without the buildx plugin can only use the legacy builder). */
export const DOCKER_CLI = process.env.STAGES_DOCKER_CLI || '/usr/bin/docker';
export const DOCKERD = process.env.STAGES_DOCKERD || firstExisting(['/usr/sbin/dockerd', '/usr/bin/dockerd']) || '/usr/sbin/dockerd';
export const BUSYBOX = process.env.STAGES_BUSYBOX || firstExisting(['/bin/busybox', '/usr/bin/busybox']) || '/bin/busybox';
const TAR = firstExisting(['/usr/bin/tar', '/bin/tar']) || 'tar';
const UMOUNT = firstExisting(['/usr/bin/umount', '/bin/umount']) || 'umount';

/** The local base image every fixture builds FROM (imported at start, never pulled). */
export const BASE_IMAGE = 'stages-test/busybox:latest';
/** How fixtures should write it in FROM lines (BuildKit resolves it from the local store). */
export const BASE = 'stages-test/busybox';

const START_TIMEOUT_MS = Number(process.env.STAGES_DOCKERD_START_TIMEOUT_MS || 60_000);
const STOP_TIMEOUT_MS = 15_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 120_000;

const APT_HINT = 'install with: apt-get install -y docker.io busybox-static (needs root)';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

export interface DockerResult {
  /** exit code, or null when the process was killed by a signal */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** true when the command exceeded its timeout and was killed */
  timedOut: boolean;
}

export interface DockerOptions {
  /** extra environment (wins over the engine's env, e.g. { DOCKER_BUILDKIT: '0' }) */
  env?: Record<string, string>;
  cwd?: string;
  /** written to stdin, which is then closed */
  input?: string | Buffer;
  /** kill the client after this long (default 120 s) */
  timeoutMs?: number;
}

export interface BuildOptions {
  target?: string;
  buildArgs?: Record<string, string>;
  /** use the legacy builder (DOCKER_BUILDKIT=0) instead of BuildKit */
  legacy?: boolean;
  /** BuildKit only: export the target's filesystem with `--output type=local` and return its dir */
  exportFs?: boolean;
  /** tag the resulting image */
  tag?: string;
  /** extra files in the build context (relative paths) */
  files?: Record<string, string | Buffer>;
  /** extra raw `docker build` arguments, placed before the context path */
  extraArgs?: string[];
  timeoutMs?: number;
}

export interface BuildResult extends DockerResult {
  /** stdout + stderr (BuildKit writes progress and errors to stderr, legacy to stdout) */
  output: string;
  /** set when exportFs was requested */
  outDir?: string;
  contextDir: string;
  argv: string[];
}

export interface Engine {
  /** unix:///…/docker.sock */
  host: string;
  /** DOCKER_HOST, DOCKER_BUILDKIT=1, private DOCKER_CONFIG, plain progress */
  env: Record<string, string>;
  /** the temp dir holding everything (removed by stop()) */
  dir: string;
  logFile: string;
  baseImage: string;
  serverVersion: string;
  timings: { startMs: number; importMs: number };
  docker(argv: string[], opts?: DockerOptions): Promise<DockerResult>;
  /** `docker build --network=none --progress=plain …` of `dockerfile` in a fresh context */
  build(dockerfile: string, opts?: BuildOptions): Promise<BuildResult>;
  /** last lines of the dockerd log */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

/** The engine cannot run here (not installed, not root, failed to start). */
export class EngineUnavailableError extends Error {
  override name = 'EngineUnavailableError';
}

// ---------------------------------------------------------------------------------------------
// Availability / skip policy
// ---------------------------------------------------------------------------------------------

export function isCI(): boolean {
  const v = process.env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** Why the engine cannot run here, checked without starting anything; undefined when it can. */
export function engineUnavailableReason(): string | undefined {
  const problems: string[] = [];
  if (process.platform !== 'linux') problems.push(`platform is ${process.platform}, dockerd tests need Linux`);
  if (typeof process.getuid === 'function' && process.getuid() !== 0) problems.push('not running as root (dockerd needs root)');
  if (!isExecutable(DOCKERD)) problems.push(`dockerd not found at ${DOCKERD} (set STAGES_DOCKERD)`);
  if (!isExecutable(DOCKER_CLI)) problems.push(`docker CLI not found at ${DOCKER_CLI} (set STAGES_DOCKER_CLI)`);
  if (!isExecutable(BUSYBOX)) problems.push(`busybox not found at ${BUSYBOX} (set STAGES_BUSYBOX)`);
  else if (!isStaticElf(BUSYBOX)) problems.push(`${BUSYBOX} is dynamically linked; the base image needs busybox-static`);
  if (problems.length === 0) return undefined;
  return `${problems.join('; ')} — ${APT_HINT}`;
}

/**
 * For `describe(name, { skip: engineSkipReason() }, …)`: a skip message when the engine is
 * unavailable and we are not in CI; `false` otherwise (in CI the suite runs and fails loudly).
 */
export function engineSkipReason(): string | false {
  const reason = engineUnavailableReason();
  if (!reason || isCI()) return false;
  return `docker engine unavailable: ${reason} (set CI=1 to make this a failure)`;
}

export interface EngineHandle {
  /** the engine, or undefined after skipping `t` (engine unavailable outside CI) */
  get(t: TestContext): Engine | undefined;
}

/**
 * Registers before/after hooks in the current suite (call it inside `describe`): start one
 * engine before its tests, stop it after them (node:test runs `after` hooks even when tests
 * fail). When the engine cannot start, `get(t)` skips each test with the reason outside CI and
 * fails each test with it in CI (or for any other startup error).
 */
export function useEngine(opts: { startTimeoutMs?: number } = {}): EngineHandle {
  let engine: Engine | undefined;
  let skipReason: string | undefined;
  let startError: unknown;
  const timeout = (opts.startTimeoutMs ?? START_TIMEOUT_MS) + 60_000;
  before(async () => {
    try {
      engine = await startEngine(opts);
    } catch (err) {
      if (err instanceof EngineUnavailableError && !isCI()) {
        skipReason = `docker engine unavailable: ${err.message.replace(/\s*\n\s*/g, ' ')} (set CI=1 to make this a failure)`;
      } else {
        startError = err;
      }
    }
  }, { timeout });
  after(async () => {
    await engine?.stop();
  }, { timeout: STOP_TIMEOUT_MS * 3 });
  return {
    get(t: TestContext): Engine | undefined {
      if (engine) return engine;
      if (startError !== undefined) throw startError;
      t.skip(skipReason ?? 'docker engine was not started');
      return undefined;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Cleanup registry: every live engine is stopped on exit / signals
// ---------------------------------------------------------------------------------------------

interface Live {
  dir: string;
  proc: ChildProcess;
  exited: boolean;
  /** set once stop() began: no new commands or contexts may start */
  stopped: boolean;
  containerdPid?: number;
  stop(): Promise<void>;
}
const live = new Set<Live>();
const tempContexts = new Set<string>();
let hooksInstalled = false;

function installProcessHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // Last resort, synchronous: the event loop is gone, so no awaiting here.
  process.on('exit', () => {
    for (const l of live) stopSync(l);
    for (const d of tempContexts) rmSync(d, { recursive: true, force: true });
  });
  // On a signal, clean up synchronously, then die of that signal. Synchronous on purpose: under
  // `node --test`, a Ctrl-C gives the file's process SIGINT and then SIGTERM from the runner,
  // which exits at once; if test code kept running, its next write to the dead runner's pipe
  // would crash this process (exit code 7, no 'exit' event) before an async cleanup finished.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const handler = (sig: NodeJS.Signals): void => {
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
    for (const l of [...live]) stopSync(l);
    for (const d of tempContexts) rmSync(d, { recursive: true, force: true });
    tempContexts.clear();
    for (const s of signals) process.removeListener(s, handler);
    if (process.listenerCount(sig) > 0) process.exit(128 + (os.constants.signals[sig] ?? 1));
    process.kill(process.pid, sig); // default action now: terminate with the signal
  };
  for (const sig of signals) process.on(sig, handler);
}

// ---------------------------------------------------------------------------------------------
// Engine
// ---------------------------------------------------------------------------------------------

export async function startEngine(opts: { startTimeoutMs?: number } = {}): Promise<Engine> {
  const reason = engineUnavailableReason();
  if (reason) throw new EngineUnavailableError(reason);
  installProcessHooks();

  const t0 = Date.now();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stages-dockerd-'));
  tempContexts.add(dir); // removed on exit/signal even if we die before dockerd is registered
  const sock = path.join(dir, 'docker.sock');
  if (Buffer.byteLength(sock) > 100) {
    await rm(dir, { recursive: true, force: true });
    throw new EngineUnavailableError(`socket path too long for a unix socket: ${sock} (set TMPDIR to a short dir)`);
  }
  const dataRoot = path.join(dir, 'data');
  const execRoot = path.join(dir, 'exec');
  const configDir = path.join(dir, 'client-config');
  const logFile = path.join(dir, 'dockerd.log');
  const daemonJson = path.join(dir, 'daemon.json');
  await Promise.all([mkdir(dataRoot), mkdir(execRoot), mkdir(configDir)]);
  // An explicit (empty) daemon config so a host /etc/docker/daemon.json cannot conflict.
  await writeFile(daemonJson, '{}\n');
  await writeFile(path.join(configDir, 'config.json'), '{}\n');

  const host = `unix://${sock}`;
  const ns = `stages-test-${path.basename(dir).replace(/[^a-zA-Z0-9]/g, '')}`;
  const args = [
    '--host', host,
    '--data-root', dataRoot,
    '--exec-root', execRoot,
    '--pidfile', path.join(dir, 'docker.pid'),
    '--config-file', daemonJson,
    '--iptables=false', '--ip6tables=false', '--bridge=none',
    // dockerd 20.10 reuses a running system containerd (/run/containerd/containerd.sock) if
    // there is one; private namespaces keep our containers apart from the host's.
    '--containerd-namespace', ns,
    '--containerd-plugins-namespace', `${ns}-plugins`,
  ];
  if (process.env.STAGES_DOCKER_STORAGE_DRIVER) args.push('--storage-driver', process.env.STAGES_DOCKER_STORAGE_DRIVER);

  const logFd = openSync(logFile, 'a');
  // detached: own session/process group, so a terminal Ctrl-C reaches us, not dockerd directly;
  // we then stop it properly.
  const proc = spawn(DOCKERD, args, { detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);

  const env: Record<string, string> = {
    DOCKER_HOST: host,
    DOCKER_BUILDKIT: '1',
    DOCKER_CONFIG: configDir, // no user aliases/credential helpers/buildx defaults
    BUILDKIT_PROGRESS: 'plain',
  };

  let stopping: Promise<void> | undefined;
  const entry: Live = {
    dir,
    proc,
    exited: false,
    stopped: false,
    stop: () => (stopping ??= stopEngine(entry)),
  };
  live.add(entry);
  let spawnError: Error | undefined;
  proc.on('error', (e) => { spawnError = e; entry.exited = true; });
  proc.on('exit', () => { entry.exited = true; });

  const logTail = (lines = 40): string => tailFile(logFile, lines);
  const docker = async (argv: string[], o: DockerOptions = {}): Promise<DockerResult> => {
    if (entry.stopped) throw new Error(`docker engine ${host} has been stopped`);
    return runCommand(DOCKER_CLI, argv, { ...o, env: { ...env, ...o.env } });
  };

  // Wait until the API answers on the private socket.
  const deadline = Date.now() + (opts.startTimeoutMs ?? START_TIMEOUT_MS);
  let serverVersion = '';
  let lastErr = '';
  for (;;) {
    if (entry.exited) {
      const why = spawnError ? spawnError.message : `exit code ${proc.exitCode ?? proc.signalCode}`;
      await entry.stop();
      throw new EngineUnavailableError(`dockerd exited during startup (${why}). Log tail:\n${tailText(logTail())}`);
    }
    const r = await docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 10_000 });
    if (r.code === 0 && r.stdout.trim()) { serverVersion = r.stdout.trim(); break; }
    lastErr = (r.stderr || r.stdout).trim();
    if (Date.now() > deadline) {
      const tail = logTail();
      await entry.stop();
      throw new EngineUnavailableError(
        `dockerd did not answer on ${host} within ${opts.startTimeoutMs ?? START_TIMEOUT_MS} ms (last client error: ${lastErr}). Log tail:\n${tailText(tail)}`);
    }
    await sleep(250);
  }
  const containerdPidFile = path.join(execRoot, 'containerd', 'containerd.pid');
  if (existsSync(containerdPidFile)) {
    const pid = Number(readFileSync(containerdPidFile, 'utf8').trim());
    if (pid > 0 && processBelongsTo(pid, dir)) entry.containerdPid = pid;
  }
  const startMs = Date.now() - t0;

  // Base image: a rootfs of static busybox + applet symlinks, imported (never pulled).
  const t1 = Date.now();
  try {
    await importBaseImage(dir, docker);
  } catch (err) {
    await entry.stop();
    throw err;
  }
  const importMs = Date.now() - t1;

  const engine: Engine = {
    host,
    env,
    dir,
    logFile,
    baseImage: BASE_IMAGE,
    serverVersion,
    timings: { startMs, importMs },
    docker,
    logTail,
    build: async (dockerfile, o = {}) => {
      if (entry.stopped) throw new Error(`docker engine ${host} has been stopped`);
      return build(engine, dockerfile, o);
    },
    stop: () => entry.stop(),
  };
  return engine;
}

async function importBaseImage(dir: string, docker: Engine['docker']): Promise<void> {
  const rootfs = path.join(dir, 'rootfs');
  for (const d of ['bin', 'sbin', 'usr/bin', 'usr/sbin', 'etc', 'root', 'tmp']) await mkdir(path.join(rootfs, d), { recursive: true });
  await chmod(path.join(rootfs, 'tmp'), 0o1777);
  await copyFile(BUSYBOX, path.join(rootfs, 'bin/busybox'));
  await chmod(path.join(rootfs, 'bin/busybox'), 0o755);
  const list = await runCommand(BUSYBOX, ['--list-full'], { timeoutMs: 10_000 });
  if (list.code !== 0) throw new Error(`${BUSYBOX} --list-full failed: ${list.stderr}`);
  for (const rel of list.stdout.split('\n').map((s) => s.trim())) {
    if (!rel.includes('/') || rel.includes('..') || rel === 'bin/busybox') continue;
    const linkPath = path.join(rootfs, rel);
    await mkdir(path.dirname(linkPath), { recursive: true });
    const target = path.relative(path.dirname(linkPath), path.join(rootfs, 'bin/busybox'));
    await symlink(target, linkPath).catch((e: NodeJS.ErrnoException) => { if (e.code !== 'EEXIST') throw e; });
  }
  await writeFile(path.join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
  await writeFile(path.join(rootfs, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
  const tarball = path.join(dir, 'rootfs.tar');
  const tar = await runCommand(TAR, ['--numeric-owner', '--owner=0', '--group=0', '-C', rootfs, '-cf', tarball, '.'], { timeoutMs: 60_000 });
  if (tar.code !== 0) throw new Error(`tar of the base rootfs failed: ${tar.stderr}`);
  const imp = await docker([
    'import',
    '--change', 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin',
    '--change', 'CMD ["/bin/sh"]',
    tarball, BASE_IMAGE,
  ], { timeoutMs: 120_000 });
  if (imp.code !== 0) throw new Error(`docker import of ${BASE_IMAGE} failed (${imp.code}): ${imp.stderr}`);
  await rm(rootfs, { recursive: true, force: true });
  await rm(tarball, { force: true });
}

async function build(engine: Engine, dockerfile: string, o: BuildOptions): Promise<BuildResult> {
  const contextDir = await buildContext({ ...o.files, Dockerfile: dockerfile }, engine.dir);
  const argv = ['build', '--network=none'];
  if (!o.legacy) argv.push('--progress=plain');
  if (o.target !== undefined) argv.push('--target', o.target);
  for (const [k, v] of Object.entries(o.buildArgs ?? {})) argv.push('--build-arg', `${k}=${v}`);
  if (o.tag) argv.push('-t', o.tag);
  let outDir: string | undefined;
  if (o.exportFs) {
    if (o.legacy) throw new Error('exportFs needs BuildKit (the legacy builder has no --output)');
    outDir = path.join(contextDir + '.out');
    argv.push('--output', `type=local,dest=${outDir}`);
  }
  argv.push(...(o.extraArgs ?? []), contextDir);
  const r = await engine.docker(argv, {
    timeoutMs: o.timeoutMs,
    env: o.legacy ? { DOCKER_BUILDKIT: '0' } : {},
  });
  return { ...r, output: r.stdout + r.stderr, outDir, contextDir, argv };
}

async function stopEngine(l: Live): Promise<void> {
  l.stopped = true;
  if (!l.exited && l.proc.pid) {
    const exited = new Promise<void>((res) => { if (l.exited) res(); else l.proc.once('exit', () => res()); });
    safeKill(l.proc.pid, 'SIGTERM');
    if (!(await within(exited, STOP_TIMEOUT_MS))) {
      safeKill(l.proc.pid, 'SIGKILL');
      await within(exited, 5_000);
    }
  }
  // dockerd stops its own containerd on SIGTERM; after a SIGKILL it may be left behind.
  const cpid = l.containerdPid;
  if (cpid && processBelongsTo(cpid, l.dir) && !(await waitGone(cpid, 3_000))) {
    safeKill(cpid, 'SIGTERM');
    if (!(await waitGone(cpid, 5_000))) { safeKill(cpid, 'SIGKILL'); await waitGone(cpid, 2_000); }
  }
  unmountUnder(l.dir);
  for (let i = 0; ; i++) {
    try {
      await rm(l.dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
      break;
    } catch (err) {
      // still registered: the exit/signal path retries synchronously
      if (i >= 4) throw new Error(`could not remove ${l.dir}: ${(err as Error).message}`);
      await sleep(200);
    }
  }
  live.delete(l);
  tempContexts.delete(l.dir);
}

/** Synchronous variant for process 'exit' (no event loop left: busy-wait with sleeps). */
function stopSync(l: Live): void {
  l.stopped = true;
  const waitGone = (pid: number, ms: number): boolean => {
    const until = Date.now() + ms;
    while (processAlive(pid) && Date.now() < until) sleepSync(50);
    return !processAlive(pid);
  };
  const pid = l.proc.pid;
  if (pid && !l.exited && processAlive(pid)) {
    safeKill(pid, 'SIGTERM');
    if (!waitGone(pid, 10_000)) { safeKill(pid, 'SIGKILL'); waitGone(pid, 2_000); }
  }
  const cpid = l.containerdPid;
  if (cpid && processBelongsTo(cpid, l.dir)) {
    // normally dockerd has already stopped it; give it a moment, then insist
    if (!waitGone(cpid, 3_000)) { safeKill(cpid, 'SIGTERM'); if (!waitGone(cpid, 3_000)) { safeKill(cpid, 'SIGKILL'); waitGone(cpid, 2_000); } }
  }
  unmountUnder(l.dir);
  for (let i = 0; i < 5; i++) {
    try { rmSync(l.dir, { recursive: true, force: true, maxRetries: 3 }); break; } catch { sleepSync(200); }
  }
  live.delete(l);
}

// ---------------------------------------------------------------------------------------------
// Build contexts
// ---------------------------------------------------------------------------------------------

/**
 * Writes `files` (relative path → content) into a new temp dir and returns its path. With no
 * `parent`, the dir lives under the OS temp dir and is removed when the process exits.
 */
export async function buildContext(files: Record<string, string | Buffer>, parent?: string): Promise<string> {
  const dir = await mkdtemp(path.join(parent ?? os.tmpdir(), 'ctx-'));
  if (!parent) { tempContexts.add(dir); installProcessHooks(); }
  for (const [rel, content] of Object.entries(files)) {
    const full = path.resolve(dir, rel);
    if (path.isAbsolute(rel) || !full.startsWith(dir + path.sep)) throw new Error(`context path escapes the context: ${rel}`);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Process helpers
// ---------------------------------------------------------------------------------------------

/** Spawns `file argv…` (no shell), collects output, kills it after the timeout. */
export function runCommand(file: string, argv: string[], o: DockerOptions = {}): Promise<DockerResult> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    for (const k of ['DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'BUILDX_BUILDER']) delete env[k];
    const child = spawn(file, argv, { cwd: o.cwd, env: { ...env, ...o.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) safeKill(child.pid, 'SIGKILL');
    }, o.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: 127, signal: null, stdout: '', stderr: `spawn ${file}: ${e.message}`, timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
    child.stdin.on('error', () => undefined);
    if (o.input !== undefined) child.stdin.end(o.input); else child.stdin.end();
  });
}

function safeKill(pid: number, sig: NodeJS.Signals): void {
  try { process.kill(pid, sig); } catch { /* already gone */ }
}

/** Alive and not a zombie (a dead child stays a zombie until node reaps it). */
function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** True when pid's command line mentions our temp dir: we only ever kill what we started. */
function processBelongsTo(pid: number, dir: string): boolean {
  try {
    return processAlive(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
  } catch {
    return false;
  }
}

/** Lazily unmounts anything still mounted below `dir` (deepest first). */
function unmountUnder(dir: string): void {
  let info: string;
  try { info = readFileSync('/proc/self/mountinfo', 'utf8'); } catch { return; }
  const points = info.split('\n')
    .map((line) => line.split(' ')[4])
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter((p) => p.startsWith(dir + '/'))
    .sort((a, b) => b.length - a.length);
  for (const p of points) spawnSync(UMOUNT, ['-l', p], { stdio: 'ignore', timeout: 10_000 });
}

/** Polls until `pid` is gone (or a zombie); false when it is still there after `ms`. */
async function waitGone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (processAlive(pid) && Date.now() < until) await sleep(50);
  return !processAlive(pid);
}

function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((res) => {
    const t = setTimeout(() => res(false), ms);
    p.then(() => { clearTimeout(t); res(true); }, () => { clearTimeout(t); res(true); });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function tailFile(file: string, lines: number): string {
  try {
    const size = statSync(file).size;
    const len = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(len);
    const fd = openSync(file, 'r');
    try { readSync(fd, buf, 0, len, size - len); } finally { closeSync(fd); }
    return buf.toString('utf8').split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '(no dockerd log)';
  }
}

function tailText(s: string): string {
  return s.split('\n').map((l) => `  | ${l}`).join('\n');
}

function firstExisting(paths: string[]): string | undefined {
  return paths.find((p) => existsSync(p));
}

function isExecutable(p: string): boolean {
  try { return statSync(p).isFile() && (statSync(p).mode & 0o111) !== 0; } catch { return false; }
}

/** ELF without a PT_INTERP program header = statically linked. */
function isStaticElf(file: string): boolean {
  try {
    const b = readFileSync(file);
    if (b.readUInt32BE(0) !== 0x7f454c46) return false;
    const is64 = b[4] === 2;
    const le = b[5] === 1;
    const u16 = (o: number): number => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (o: number): number => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const phoff = is64 ? Number(le ? b.readBigUInt64LE(0x20) : b.readBigUInt64BE(0x20)) : u32(0x1c);
    const phentsize = u16(is64 ? 0x36 : 0x2a);
    const phnum = u16(is64 ? 0x38 : 0x2c);
    for (let i = 0; i < phnum; i++) if (u32(phoff + i * phentsize) === 3 /* PT_INTERP */) return false;
    return true;
  } catch {
    return false;
  }
}
