import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBakeFile, readBakeProject } from '../../src/service/crossfile/bake';
import { fixtureFile, fixtureUri, hcl, textAt } from './support';

test('bake file names: hcl and json, overrides; nothing else', () => {
  for (const name of ['docker-bake.hcl', 'docker-bake.json', 'docker-bake.override.hcl', 'docker-bake.override.json']) assert.ok(isBakeFile(`file:///p/${name}`), name);
  for (const name of ['bake.hcl', 'main.tf', 'docker-bake.yaml']) assert.ok(!isBakeFile(`file:///p/${name}`), name);
});

test('HCL: inherits gives context and Dockerfile; ${VAR} reads the variable default, whose range is the one to rename', async () => {
  const file = fixtureFile('shop/docker-bake.hcl');
  const uses = readBakeProject([file], await hcl());
  const by = new Map(uses.map((u) => [u.label, u]));
  assert.deepEqual([...by.keys()], ['bake target _api', 'bake target api', 'bake target api-test', 'bake target web']);

  const api = by.get('bake target api')!;
  assert.equal(api.dockerfileUri, fixtureUri('shop/api/Dockerfile'));
  assert.equal(api.target?.value, 'runtime');
  assert.equal(api.target?.viaVariable, 'API_TARGET');
  assert.equal(textAt(file.text, api.target!.range), 'runtime');
  assert.equal(file.text.split('\n')[api.target!.range.start.line].trim(), 'default = "runtime"');

  const apiTest = by.get('bake target api-test')!;
  assert.equal(apiTest.target?.value, 'test');
  assert.equal(textAt(file.text, apiTest.target!.range), 'test');
  assert.equal(textAt(file.text, apiTest.dockerfileSpan!.range), 'Dockerfile');

  const web = by.get('bake target web')!;
  assert.equal(web.dockerfileUri, fixtureUri('shop/web/Dockerfile'));
  assert.equal(textAt(file.text, web.anchor), 'web');
});

test('HCL: an override file wins attribute by attribute; a bare variable and a template are read but not renamable', async () => {
  const base = {
    uri: 'file:///p/docker-bake.hcl',
    text: `variable "T" {\n  default = "build"\n}\ntarget "a" {\n  context = "svc"\n  target = "runtime"\n}\ntarget "b" {\n  target = T\n}\ntarget "c" {\n  target = "\${T}-x"\n}\n`,
  };
  const override = { uri: 'file:///p/docker-bake.override.hcl', text: `target "a" {\n  target = "debug"\n}\n` };
  const uses = readBakeProject([override, base], await hcl());
  const [a, b, c] = uses;
  assert.equal(a.target?.value, 'debug');
  assert.equal(a.target?.uri, override.uri);
  assert.equal(a.dockerfileUri, 'file:///p/svc/Dockerfile');
  assert.equal(b.target?.value, 'build');
  assert.equal(b.target?.viaVariable, 'T');
  assert.equal(c.target?.value, '${T}-x');
  assert.ok(c.target?.fixed);
});

test('HCL: inherits cycles, unknown parents and syntax errors give answers, never exceptions', async () => {
  const parser = await hcl();
  const text = `target "a" {\n  inherits = ["b"]\n  target = "x"\n}\ntarget "b" {\n  inherits = ["a", "zzz"]\n}\ntarget "broken" {\n  target = \n`;
  const uses = readBakeProject([{ uri: 'file:///p/docker-bake.hcl', text }], parser);
  assert.equal(uses.find((u) => u.label === 'bake target b')?.target?.value, 'x');
  assert.doesNotThrow(() => readBakeProject([{ uri: 'file:///p/docker-bake.hcl', text: '}}}{{{"' }], parser));
});

test('JSON: inherits, a variable default and an override file', () => {
  const uses = readBakeProject([fixtureFile('tools/docker-bake.override.json'), fixtureFile('tools/docker-bake.json')], undefined);
  const by = new Map(uses.map((u) => [u.label, u]));
  const json = fixtureFile('tools/docker-bake.json');
  const lint = by.get('bake target lint')!;
  assert.equal(lint.dockerfileUri, fixtureUri('tools/Dockerfile'));
  assert.equal(lint.target?.value, 'lint');
  assert.equal(lint.target?.viaVariable, 'LINT_TARGET');
  assert.equal(json.text.split('\n')[lint.target!.range.start.line].trim(), '"LINT_TARGET": { "default": "lint" }');
  const release = by.get('bake target release')!;
  assert.equal(release.target?.value, 'release');
  assert.equal(textAt(json.text, release.target!.range), 'release');
  assert.equal(release.dockerfileUri, fixtureUri('tools/Dockerfile'));
});
