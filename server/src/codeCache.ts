/**
 * Runs a CommonJS bundle through V8's code cache, so a second start skips compiling it. Node 20 has
 * no built-in compile cache (module.enableCompileCache is Node 22), and the libraries that add one
 * (v8-compile-cache) cache only what V8 compiles eagerly, before the bundle runs; most of a language
 * server's startup is functions compiled lazily while it analyses the first document. So the cache
 * is taken once the first diagnostics are out (the bundle emits CODE_CACHE_READY_EVENT on `process`;
 * the cache is written shortly after, or at exit if sooner), and later starts deserialize those
 * functions instead of compiling them. A session that never publishes diagnostics writes no cache.
 *
 * Safety: the cache file's name holds the Node version, the architecture and a SHA-256 of the
 * bundle, so a changed bundle never meets an old cache (V8 itself checks only the source length and
 * its own version and flags; a cache it rejects is rewritten). Files are written whole (temp file,
 * then rename). The default folder is private to the user (created 0700; not used if another user
 * owns it or others may write to it). Any failure here only means no cache: the bundle runs as
 * `require` would run it.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { CODE_CACHE_DIR_ARG, NO_CODE_CACHE_ARG } from './protocol';

/** Emitted on `process` by the bundle when what a cold start needs has run (the language server: its first diagnostics). */
export const CODE_CACHE_READY_EVENT = 'dockerfile-stages:code-cache-ready';

/** Tells the loader the bundle has done its start-up work (the first diagnostics are out): the cache may be taken. */
export const signalCodeCacheReady = (): void => void (process as NodeJS.EventEmitter).emit(CODE_CACHE_READY_EVENT);

/** How long after CODE_CACHE_READY_EVENT the cache is written (unless the process exits first): out of the way of the requests that follow an open. */
const WRITE_DELAY_MS = 1000;

const EXTENSION = '.v8cache';

/** The cache folder from the command line: `--code-cache-dir=<dir>` (VS Code passes its storage folder), none with `--no-code-cache`, else a private folder under the temp folder. */
export function codeCacheDirFromArgv(argv: readonly string[]): string | undefined {
  if (argv.includes(NO_CODE_CACHE_ARG)) return undefined;
  const given = argv.find((a) => a.startsWith(`${CODE_CACHE_DIR_ARG}=`))?.slice(CODE_CACHE_DIR_ARG.length + 1);
  if (given) return privateDir(given, false);
  const uid = process.getuid?.();
  return privateDir(path.join(tmpdir(), `dockerfile-stages-${uid ?? 'user'}`), true);
}

/** `dir`, created if needed; with `strict` (a shared parent such as /tmp) only if it is ours and nobody else may write to it. */
function privateDir(dir: string, strict: boolean): string | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const info = lstatSync(dir);
    if (!info.isDirectory()) return undefined;
    const uid = process.getuid?.();
    if (strict && uid !== undefined && (info.uid !== uid || (info.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

export interface CodeCacheRun {
  /** 'used': the bundle ran from the cache; 'to-write': no usable cache, one is written once the bundle is ready; 'off': no cache folder. */
  cache: 'used' | 'to-write' | 'off';
}

/** Loads and runs the CommonJS bundle `file` as `require(file)` would, through the code cache in `cacheDir`. */
export function runWithCodeCache(file: string, cacheDir: string | undefined): CodeCacheRun {
  const bytes = readFileSync(file);
  const cacheFile = cacheDir ? path.join(cacheDir, cacheFileName(file, bytes)) : undefined;
  const source = bytes.toString('utf8');
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // no cache yet
  }
  // Dynamic import() inside the bundle: Node ≥ 20.20 / 21.7 resolves it as the main context would; older ones cannot
  // from a vm.Script without a flag, so the bundle must not rely on it (hclParser passes bytes, not paths).
  const loader = (vm.constants as typeof vm.constants | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData, ...(loader ? { importModuleDynamically: loader } : {}) });
  const used = cachedData !== undefined && !script.cachedDataRejected;

  if (cacheFile && !used) {
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      writeCache(file, cacheFile, script.createCachedData());
    };
    process.once(CODE_CACHE_READY_EVENT, () => {
      setTimeout(write, WRITE_DELAY_MS).unref();
      process.once('exit', write);
    });
  }

  const mod = new Module(file, require.main);
  mod.filename = file;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return { cache: !cacheFile ? 'off' : used ? 'used' : 'to-write' };
}

/** `<bundle>-<node version>-<arch>-`: the start of the cache file names of one bundle for one Node (VS Code's and the system's may share a folder). */
function cachePrefix(file: string): string {
  return `${path.basename(file, '.js')}-${process.version}-${process.arch}-`;
}

function cacheFileName(file: string, bytes: Buffer): string {
  return `${cachePrefix(file)}${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}${EXTENSION}`;
}

/** Writes atomically (several servers may start at once), then removes this bundle's caches of other builds for the same Node. */
function writeCache(bundleFile: string, cacheFile: string, data: Buffer): void {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data, { mode: 0o600 });
    renameSync(tmp, cacheFile);
    const dir = path.dirname(cacheFile);
    const prefix = cachePrefix(bundleFile);
    for (const name of readdirSync(dir)) {
      if (name.startsWith(prefix) && name.endsWith(EXTENSION) && name !== path.basename(cacheFile)) rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    rmSync(tmp, { force: true });
  }
}
