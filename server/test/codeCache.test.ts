/**
 * V8's code cache of the server bundle (server/src/codeCache.ts): the bundled server over stdio writes
 * it after its first diagnostics, later starts run from it unchanged, a corrupt or foreign cache is
 * rejected and replaced (never a crash), a session without diagnostics writes none, and the cache
 * folder is private. Same diagnostics with and without the cache.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeCacheDirFromArgv } from '../src/codeCache';
import { CODE_CACHE_DIR_ARG, NO_CODE_CACHE_ARG } from '../src/protocol';
import { bundle, startServer, waitFor, type RunningServer } from './robustness/lspClient';
import { CROSSFILE } from './crossfile/support';

const uri = 'file:///code-cache/Dockerfile';
const text = 'FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=buidl /app /app\nARG unused\n';

/** One session: open the Dockerfile, wait for its diagnostics, stop (which also writes a pending cache). */
async function session(dir: string | undefined, viaCli = false): Promise<unknown[]> {
  const server = await startServer({ serverArgs: dir ? [`${CODE_CACHE_DIR_ARG}=${dir}`] : [NO_CODE_CACHE_ARG], viaCli });
  try {
    await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    await waitFor(() => server.published.some((p) => p.uri === uri), 20_000, 'the first diagnostics');
    return codes(server);
  } finally {
    await server.stop();
  }
}

function codes(server: RunningServer): unknown[] {
  return (server.published.find((p) => p.uri === uri)?.diagnostics as { code?: unknown }[]).map((d) => d.code);
}

const caches = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.v8cache'));

/** Scratch folders of this file (each holds caches of about a megabyte): removed at the end. */
const scratchDirs: string[] = [];
const scratchDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
};

describe('the code cache of the server bundle', { timeout: 120_000 }, () => {
  let expected: unknown[];
  after(() => scratchDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  before(async () => {
    bundle();
    expected = await session(undefined);
    assert.ok(expected.length > 0, 'the Dockerfile has problems to report');
  });

  test('written after the first diagnostics, then used as is; a corrupt or other build’s cache is replaced', async () => {
    const dir = join(scratchDir('dfs-code-cache-'), 'cache');
    assert.deepEqual(await session(dir), expected);
    const [file] = caches(dir);
    assert.match(file ?? '', /^serverMain-v[0-9.]+-[a-z0-9]+-[0-9a-f]{32}\.v8cache$/, `cache files: ${readdirSync(dir)}`);
    const written = statSync(join(dir, file));
    assert.ok(written.size > 100_000, `cache of ${written.size} bytes`);

    // Accepted by V8: the second start runs from it and does not rewrite it.
    assert.deepEqual(await session(dir), expected);
    assert.equal(statSync(join(dir, file)).mtimeMs, written.mtimeMs, 'a usable cache is not rewritten');

    // Garbage under the right name is rejected by V8 and rewritten; another build's cache for this
    // Node is removed, another Node's (VS Code's and the system's may share the folder) is kept.
    writeFileSync(join(dir, file), Buffer.alloc(4096, 7));
    const oldBuild = `serverMain-${process.version}-${process.arch}-${'0'.repeat(32)}.v8cache`;
    const otherNode = `serverMain-v0.0.1-${process.arch}-${'0'.repeat(32)}.v8cache`;
    writeFileSync(join(dir, oldBuild), 'old build');
    writeFileSync(join(dir, otherNode), 'other node');
    assert.deepEqual(await session(dir), expected);
    assert.deepEqual(caches(dir).sort(), [file, otherNode].sort());
    assert.notDeepEqual(readFileSync(join(dir, file)).subarray(0, 4096), Buffer.alloc(4096, 7));
  });

  test('`dockerfile-stages lsp --stdio` (the CLI, as other editors start the server) has its own cache, written once and then used', async () => {
    const dir = join(scratchDir('dfs-code-cache-cli-'), 'cache');
    assert.deepEqual(await session(dir, true), expected);
    const [file] = caches(dir);
    assert.match(file ?? '', /^cliMain-v[0-9.]+-[a-z0-9]+-[0-9a-f]{32}\.v8cache$/, `cache files: ${readdirSync(dir)}`);
    const written = statSync(join(dir, file));
    assert.deepEqual(await session(dir, true), expected);
    assert.equal(statSync(join(dir, file)).mtimeMs, written.mtimeMs, 'a usable cache is not rewritten');
    assert.deepEqual(caches(dir), [file]);
  });

  test('a session that publishes no diagnostics writes no cache', async () => {
    const dir = join(scratchDir('dfs-code-cache-'), 'cache');
    const server = await startServer({ serverArgs: [`${CODE_CACHE_DIR_ARG}=${dir}`] });
    assert.ok(await server.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }) === null);
    await server.stop();
    assert.deepEqual(caches(dir), []);
  });

  test('Bake HCL files are read by the code-cached bundle on a Node without vm dynamic import support', async () => {
    const project = scratchDir('dfs-code-cache-bake-');
    cpSync(join(CROSSFILE, 'shop'), project, { recursive: true });
    const bake = pathToFileURL(join(project, 'docker-bake.hcl')).href;
    const server = await startServer({
      preload: [join(__dirname, 'hide-vm-loader.cjs')],
      rootUri: pathToFileURL(project).href,
      serverArgs: [`${CODE_CACHE_DIR_ARG}=${join(project, '.cache')}`],
    });
    try {
      const text = readFileSync(join(project, 'docker-bake.hcl'), 'utf8').replace('target  = "runtime"', 'target  = "runtmie"');
      await server.notify('textDocument/didOpen', { textDocument: { uri: bake, languageId: 'hcl', version: 1, text } });
      const found = () => server.published.filter((p) => p.uri === bake).flatMap((p) => p.diagnostics as { code?: string; data?: { target?: string } }[]);
      await waitFor(() => found().some((d) => d.code === 'unknown-build-target' && d.data?.target === 'runtmie'), 20_000, 'the unknown target in docker-bake.hcl');
      assert.doesNotMatch(server.stderr(), /HCL parser not available|dynamic import/i);
    } finally {
      await server.stop();
    }
  });

  test('the folder: none with --no-code-cache, the given one, else a private one under the temp folder', () => {
    const scratch = scratchDir('dfs-code-cache-dir-');
    assert.equal(codeCacheDirFromArgv(['node', 'server.js', '--stdio', NO_CODE_CACHE_ARG]), undefined);
    const given = join(scratch, 'given', 'code-cache');
    assert.equal(codeCacheDirFromArgv(['node', 'server.js', `${CODE_CACHE_DIR_ARG}=${given}`]), given);
    assert.ok(statSync(given).isDirectory());

    const previous = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
    try {
      const own = codeCacheDirFromArgv(['node', 'server.js', '--stdio']) ?? assert.fail('no private cache folder');
      assert.ok(own.startsWith(scratch), own);
      if (process.platform !== 'win32') {
        assert.equal(statSync(own).mode & 0o777, 0o700);
        // Others may write to it (or it is not ours): not used.
        chmodSync(own, 0o777);
        assert.equal(codeCacheDirFromArgv(['node', 'server.js', '--stdio']), undefined);
        chmodSync(own, 0o700);
      }
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
  });
});
