import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildContextDir, FileFactsCache, fileFactsFor } from '../../src/fileFacts';
import { withDefaults } from '../../src/service/settings';

test('fileFacts: .dockerignore in the build context, or <Dockerfile>.dockerignore, and where a new one goes', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'facts-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'svc'));
  const dockerfile = join(root, 'svc', 'Dockerfile');
  writeFileSync(dockerfile, 'FROM alpine\n');
  const uri = pathToFileURL(dockerfile).href;
  const settings = withDefaults({});
  assert.deepEqual(await fileFactsFor(uri, settings, []), { dockerignoreExists: false, dockerignoreUri: pathToFileURL(join(root, 'svc', '.dockerignore')).href });
  writeFileSync(`${dockerfile}.dockerignore`, '.git\n');
  assert.equal((await fileFactsFor(uri, settings, [])).dockerignoreExists, true);
  rmSync(`${dockerfile}.dockerignore`);
  writeFileSync(join(root, '.dockerignore'), '.git\n');
  const atRoot = withDefaults({ build: { context: '.' } });
  const facts = await fileFactsFor(uri, atRoot, [pathToFileURL(root).href]);
  assert.deepEqual(facts, { dockerignoreExists: true, dockerignoreUri: pathToFileURL(join(root, '.dockerignore')).href });
  assert.deepEqual(await fileFactsFor(uri, atRoot, []), {}, 'a relative context outside any workspace folder is unknown');
  assert.deepEqual(await fileFactsFor('untitled:Untitled-1', settings, []), {});
  assert.equal(buildContextDir(dockerfile, '/abs/ctx', []), '/abs/ctx');
});

test('FileFactsCache: read once per file and build context, re-read only after a .dockerignore change', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'facts-cache-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const uri = pathToFileURL(join(root, 'Dockerfile')).href;
  const settings = withDefaults({});
  const cache = new FileFactsCache();
  assert.equal((await cache.get(uri, settings, [])).dockerignoreExists, false);
  writeFileSync(join(root, '.dockerignore'), '.git\n');
  assert.equal((await cache.get(uri, settings, [])).dockerignoreExists, false, 'the cached fact stands until a change is reported');
  assert.equal(cache.reads, 1);
  assert.equal(cache.changed([pathToFileURL(join(root, 'go.mod')).href]), false, 'other files do not matter');
  assert.equal(cache.changed([pathToFileURL(join(root, '.dockerignore')).href]), true);
  assert.equal((await cache.get(uri, settings, [])).dockerignoreExists, true);
  assert.equal(cache.reads, 2);
  await cache.get(uri, withDefaults({ build: { context: '.' } }), [pathToFileURL(root).href]);
  assert.equal(cache.reads, 3, 'another build context is another fact');
  assert.equal(cache.changed([pathToFileURL(join(root, 'Dockerfile.dockerignore')).href]), true, 'a Dockerfile-specific ignore file counts');
});
