import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { FileFacts } from '../../src/service/facts/files';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildContextDir, FileFactsCache, fileFactsFor } from '../../src/fileFacts';
import { withDefaults } from '../../src/protocol';
import { diagnosticsOf, fixesOf } from './ruleTestKit';

/** The facts about .dockerignore, without the build-context reader (a function, asserted on its own). */
const withoutContext = ({ context: _context, ...facts }: FileFacts) => facts;

test('fileFacts: .dockerignore in the build context, or <Dockerfile>.dockerignore, and where a new one goes', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'facts-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'svc'));
  const dockerfile = join(root, 'svc', 'Dockerfile');
  writeFileSync(dockerfile, 'FROM alpine\n');
  const uri = pathToFileURL(dockerfile).href;
  const settings = withDefaults({});
  const { context, ...first } = await fileFactsFor(uri, settings, []);
  assert.deepEqual(first, { dockerignoreExists: false, dockerignoreUri: pathToFileURL(join(root, 'svc', '.dockerignore')).href });
  assert.equal(context?.read('Dockerfile'), 'FROM alpine\n', 'the build context is readable, for the fixes built on refactors');
  assert.deepEqual(context?.list?.(''), ['Dockerfile']);
  writeFileSync(`${dockerfile}.dockerignore`, '.git\n');
  assert.equal((await fileFactsFor(uri, settings, [])).dockerignoreExists, true);
  writeFileSync(join(root, 'svc', '.dockerignore'), 'node_modules\n');
  assert.equal((await fileFactsFor(uri, settings, [])).dockerignore, '.git\n', 'the Dockerfile-specific ignore file wins, as in BuildKit');
  rmSync(join(root, 'svc', '.dockerignore'));
  rmSync(`${dockerfile}.dockerignore`);
  writeFileSync(join(root, '.dockerignore'), '.git\n');
  const atRoot = withDefaults({ build: { context: '.' } });
  const { context: rootContext, ...facts } = await fileFactsFor(uri, atRoot, [pathToFileURL(root).href]);
  assert.deepEqual(rootContext?.list?.(''), ['.dockerignore', 'svc/']);
  assert.deepEqual(facts, { dockerignoreExists: true, dockerignoreUri: pathToFileURL(join(root, '.dockerignore')).href, dockerignore: '.git\n' });
  assert.deepEqual(
    withoutContext(await fileFactsFor(uri, atRoot, [])),
    { dockerignoreExists: false, dockerignoreUri: pathToFileURL(join(root, 'svc', '.dockerignore')).href },
    'outside any workspace folder a relative context is relative to the Dockerfile folder',
  );
  assert.deepEqual(await fileFactsFor('untitled:Untitled-1', settings, []), {});
  assert.equal(buildContextDir(dockerfile, '/abs/ctx', []), '/abs/ctx');
});

const COPY_ALL = 'FROM alpine\nCOPY . /src\n';

/** A repository folder holding `docker/app/Dockerfile` (COPY . /src), removed after the test. */
function repository(t: TestContext): { root: string; dockerfile: string; uri: string } {
  const root = mkdtempSync(join(tmpdir(), 'facts-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'docker', 'app'), { recursive: true });
  const dockerfile = join(root, 'docker', 'app', 'Dockerfile');
  writeFileSync(dockerfile, COPY_ALL);
  return { root, dockerfile, uri: pathToFileURL(dockerfile).href };
}

test('docker/app/Dockerfile with a root .dockerignore: the root is the context, missing-dockerignore stays silent', async (t) => {
  const { root, dockerfile, uri } = repository(t);
  writeFileSync(join(root, '.dockerignore'), '.git\n');
  const workspace = [pathToFileURL(root).href];

  assert.equal(buildContextDir(dockerfile, '', [root]), root);
  const files = await fileFactsFor(uri, withDefaults({}), workspace);
  assert.deepEqual(withoutContext(files), { dockerignoreExists: true, dockerignoreUri: pathToFileURL(join(root, '.dockerignore')).href, dockerignore: '.git\n' });
  assert.deepEqual(diagnosticsOf('missing-dockerignore', COPY_ALL, { uri, files }), []);
});

test('missing-dockerignore fix creates the file in the build context, not the Dockerfile folder', async (t) => {
  const { root, uri } = repository(t);
  const settings = { build: { ...withDefaults({}).build, context: '.' } };
  const files = await fileFactsFor(uri, withDefaults(settings), [pathToFileURL(root).href]);
  assert.equal(files.dockerignoreExists, false);
  assert.equal(diagnosticsOf('missing-dockerignore', COPY_ALL, { uri, files, settings }).length, 1);
  const created = fixesOf('missing-dockerignore', COPY_ALL, { uri, files, settings }).flatMap((f) =>
    (f.edit?.documentChanges ?? []).flatMap((c) => ('kind' in c && c.kind === 'create' ? [c.uri] : [])),
  );
  assert.deepEqual(created, [pathToFileURL(join(root, '.dockerignore')).href]);
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
