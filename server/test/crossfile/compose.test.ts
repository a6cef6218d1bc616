import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readComposeProject, isComposeFile, isComposeOverride } from '../../src/service/crossfile/compose';
import { fixtureFile, fixtureUri, textAt } from './support';

const base = fixtureFile('shop/compose.yaml');
const override = fixtureFile('shop/compose.override.yaml');

test('compose file names: the four base names, overrides and compose.*.yaml; nothing else', () => {
  for (const name of ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'compose.prod.yaml']) {
    assert.ok(isComposeFile(`file:///p/${name}`), name);
  }
  for (const name of ['compose.json', 'my-compose.yaml', 'compose.yaml.bak', 'values.yaml']) assert.ok(!isComposeFile(`file:///p/${name}`), name);
  assert.ok(isComposeOverride('file:///p/compose.override.yaml'));
  assert.ok(!isComposeOverride('file:///p/compose.yaml'));
});

test('each service build: long form, merge key, short form and inline Dockerfile', () => {
  const uses = readComposeProject([base]);
  const by = new Map(uses.map((u) => [u.label, u]));
  assert.deepEqual([...by.keys()], ['compose service api', 'compose service worker', 'compose service web', 'compose service migrate']);

  const api = by.get('compose service api')!;
  assert.equal(api.dockerfileUri, fixtureUri('shop/api/Dockerfile'));
  assert.equal(api.target?.value, 'runtime');
  assert.equal(textAt(base.text, api.target!.range), 'runtime');
  assert.equal(api.target?.fixed, undefined);

  // `<<: *api-build` gives the context; the Dockerfile and target are the service's own.
  const worker = by.get('compose service worker')!;
  assert.equal(worker.dockerfileUri, fixtureUri('shop/api/Dockerfile'));
  assert.equal(worker.target?.value, 'worker');
  assert.equal(worker.dockerfileSpan?.value, 'Dockerfile');

  // `build: ./web`: the default Dockerfile of that folder, and the path is where a missing file is reported.
  const web = by.get('compose service web')!;
  assert.equal(web.dockerfileUri, fixtureUri('shop/web/Dockerfile'));
  assert.equal(web.target, undefined);
  assert.equal(textAt(base.text, web.dockerfileSpan!.range), './web');

  const migrate = by.get('compose service migrate')!;
  assert.equal(migrate.dockerfileUri, undefined);
  assert.match(migrate.inline!.value, /^FROM migrate\/migrate:v4\.17\.0 AS migrate\n/);
  assert.deepEqual(migrate.inline!.lineMap, { firstLine: base.text.split('\n').findIndex((l) => l.includes('FROM migrate/')), indent: 8 });
});

test('an override that only sets build.target builds the Dockerfile the base file names for that service', () => {
  const uses = readComposeProject([override, base]);
  const api = uses.filter((u) => u.label === 'compose service api');
  assert.equal(api.length, 2);
  const fromOverride = api.find((u) => u.uri === override.uri)!;
  assert.equal(fromOverride.target?.value, 'debug');
  assert.equal(textAt(override.text, fromOverride.target!.range), 'debug');
  assert.equal(fromOverride.dockerfileUri, fixtureUri('shop/api/Dockerfile'));
  // The context is written in the base file: a missing Dockerfile is reported there.
  assert.equal(fromOverride.dockerfileSpan?.uri, base.uri);
});

test('quoted values give the range inside the quotes; aliases and escapes cannot be renamed in place', () => {
  const text = `x-t: &t worker
services:
  a:
    build:
      context: ./api
      target: "runtime"
  b:
    build:
      context: ./api
      target: *t
  c:
    build:
      context: ./api
      target: "run\\u0074ime"
  d:
    build:
      context: ./api
      target:
`;
  const uses = readComposeProject([{ uri: 'file:///p/compose.yaml', text }]);
  const [a, b, c, d] = uses.map((u) => u.target!);
  assert.equal(textAt(text, a.range), 'runtime');
  assert.equal(a.fixed, undefined);
  assert.equal(b.value, 'worker');
  assert.match(b.fixed ?? '', /alias/);
  assert.equal(c.value, 'runtime');
  assert.match(c.fixed ?? '', /escapes/);
  // `target:` with no value: an empty span where the value goes (completion offers stage names there).
  assert.equal(d.value, '');
  assert.deepEqual(d.range.start, d.range.end);
});

test('contexts with variables or remote URLs resolve to no Dockerfile (nothing is reported on them)', () => {
  const text = `services:
  a:
    build: \${APP_DIR}
  b:
    build:
      context: https://github.com/example/app.git#main
      target: runtime
  c:
    build:
      context: /srv/app
      dockerfile: ../shared/Dockerfile
`;
  const uses = readComposeProject([{ uri: 'file:///p/compose.yaml', text }]);
  assert.equal(uses[0].dockerfileUri, undefined);
  assert.equal(uses[1].dockerfileUri, undefined);
  assert.equal(uses[2].dockerfileUri, 'file:///srv/shared/Dockerfile');
});

test('a broken or hostile file gives no uses, never an exception', () => {
  for (const text of ['services: [', 'services:\n  a: &a\n    build: *a\n', '', '\u0000\u0001', 'a: &x [*x]\n', 'services:\n  - build: .\n']) {
    assert.doesNotThrow(() => readComposeProject([{ uri: 'file:///p/compose.yaml', text }]));
  }
});
