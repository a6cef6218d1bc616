import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import {
  buildUsersByStage,
  crossFileCodeActions,
  crossFileCompletion,
  crossFileDefinition,
  crossFileDiagnostics,
  crossFileHover,
  crossFileReferences,
  crossFileRenameEdits,
  readProject,
  type BuildUse,
} from '../../src/service/crossfile';
import { stageHover, stageSummary } from '../../src/service/hover';
import { codeLenses } from '../../src/service/codeLens';
import { computeDiagnostics } from '../../src/service/diagnostics';
import { defaultSettings, STAGE_COMMANDS } from '../../src/protocol';
import { findStageByName } from '../../src/service/model';
import { positionOf } from '../helpers';
import { fixtureFile, fixtureLookup, fixtureModel, fixtureUri, hcl, textAt } from './support';

const api = fixtureModel('shop/api/Dockerfile');

async function shopUses(replace?: { file: string; from: string; to: string }): Promise<{ uses: BuildUse[]; texts: Map<string, string> }> {
  const parser = await hcl();
  const texts = new Map<string, string>();
  const read = (groups: string[]) => {
    const files = groups.map((g) => fixtureFile(g, replace?.file === g ? [replace.from, replace.to] : undefined));
    for (const f of files) texts.set(f.uri, f.text);
    return readProject(files, parser);
  };
  const uses = [
    ...read(['shop/compose.yaml', 'shop/compose.override.yaml']),
    ...read(['shop/docker-bake.hcl']),
    ...read(['shop/.github/workflows/image.yml']),
  ];
  return { uses, texts };
}

test('the shop fixture is clean: no cross-file diagnostic in any of its files', async () => {
  const { uses, texts } = await shopUses();
  for (const uri of texts.keys()) assert.deepEqual(crossFileDiagnostics(uri, uses, fixtureLookup), [], uri);
});

test('a mistyped compose target: unknown-build-target with did-you-mean data and a quick fix to the stage name', async () => {
  const { uses, texts } = await shopUses({ file: 'shop/compose.yaml', from: 'target: worker', to: 'target: wroker' });
  const uri = fixtureUri('shop/compose.yaml');
  const diagnostics = crossFileDiagnostics(uri, uses, fixtureLookup);
  assert.equal(diagnostics.length, 1);
  const [d] = diagnostics;
  assert.equal(d.code, 'unknown-build-target');
  assert.deepEqual(d.data, { messageId: 'unknownTarget', target: 'wroker', dockerfile: 'api/Dockerfile', suggestions: ['worker'], suggestion: " Did you mean 'worker'?" });
  assert.equal(textAt(texts.get(uri)!, d.range), 'wroker');
  const [fix] = crossFileCodeActions(uri, diagnostics);
  assert.equal(fix.isPreferred, true);
  assert.deepEqual(fix.edit?.changes?.[uri], [{ range: d.range, newText: 'worker' }]);
});

test('a target by index: BuildKit selects by name only (unnamed stage, or its name suggested)', () => {
  const text = 'services:\n  a:\n    build:\n      context: ./api\n      target: "0"\n';
  const uri = fixtureUri('shop/compose.dev.yaml');
  const uses = readProject([{ uri, text }], undefined);
  const [named] = crossFileDiagnostics(uri, uses, fixtureLookup);
  assert.deepEqual(named.data, { messageId: 'indexTarget', target: '0', name: 'deps', suggestions: ['deps'], dockerfile: 'api/Dockerfile' });
  const inline = 'services:\n  a:\n    build:\n      dockerfile_inline: |\n        FROM alpine\n        FROM busybox AS b\n      target: "0"\n';
  const [unnamed] = crossFileDiagnostics(uri, readProject([{ uri, text: inline }], undefined), fixtureLookup);
  assert.deepEqual(unnamed.data, { messageId: 'unnamedTarget', target: '0', suggestions: [], dockerfile: 'the inline Dockerfile' });
});

test('a missing Dockerfile is reported where its path (or the context) is written; variables are not guessed', async () => {
  const { uses, texts } = await shopUses({ file: 'shop/docker-bake.hcl', from: 'context = "./web"', to: 'context = "./webapp"' });
  const uri = fixtureUri('shop/docker-bake.hcl');
  const diagnostics = crossFileDiagnostics(uri, uses, fixtureLookup);
  assert.deepEqual(diagnostics.map((d) => [d.code, textAt(texts.get(uri)!, d.range)]), [['missing-dockerfile', './webapp']]);
  const withVariable = readProject([{ uri: fixtureUri('shop/compose.yaml'), text: 'services:\n  a:\n    build: ${DIR}\n' }], undefined);
  assert.deepEqual(crossFileDiagnostics(fixtureUri('shop/compose.yaml'), withVariable, fixtureLookup), []);
});

test('definition from compose.yaml, docker-bake.hcl and a workflow lands on the stage name in the Dockerfile', async () => {
  const { uses, texts } = await shopUses();
  const dockerfile = fixtureFile('shop/api/Dockerfile').text;
  for (const [file, needle] of [
    ['shop/compose.yaml', 'target: runtime'],
    ['shop/compose.override.yaml', 'target: debug'],
    ['shop/docker-bake.hcl', 'target   = "test"'],
    ['shop/docker-bake.hcl', 'default = "runtime"'],
    ['shop/docker-bake.hcl', 'target   = "${API_TARGET}"'],
    ['shop/.github/workflows/image.yml', 'target: runtime'],
  ]) {
    const uri = fixtureUri(file);
    const written = needle.replace(/^.*?[:=]\s*"?/, '').replace(/"$/, '');
    const value = written === '${API_TARGET}' ? 'runtime' : written;
    const pos = positionOf(texts.get(uri)!, needle, needle.indexOf(written) + 1);
    const location = crossFileDefinition(uri, uses, fixtureLookup, pos);
    assert.equal(location?.uri, fixtureUri('shop/api/Dockerfile'), needle);
    assert.equal(textAt(dockerfile, location!.range), value, needle);
  }
  // An inline Dockerfile: the stage name inside the YAML block.
  const compose = texts.get(fixtureUri('shop/compose.yaml'))!;
  const inline = crossFileDefinition(fixtureUri('shop/compose.yaml'), uses, fixtureLookup, positionOf(compose, 'target: migrate', 9));
  assert.equal(inline?.uri, fixtureUri('shop/compose.yaml'));
  assert.equal(textAt(compose, inline!.range), 'migrate');
  assert.equal(inline!.range.start.line, positionOf(compose, 'AS migrate').line);
});

test('hover on a target shows the Dockerfile hover summary of the stage, with who builds it', async () => {
  const { uses, texts } = await shopUses();
  const uri = fixtureUri('shop/compose.yaml');
  const stage = findStageByName(api, 'runtime')!;
  const users = buildUsersByStage(api, uses);
  const hover = crossFileHover(uri, uses, fixtureLookup, positionOf(texts.get(uri)!, 'target: runtime', 9), (m, s) => buildUsersByStage(m, uses).get(s.index) ?? []);
  const value = (hover?.contents as MarkupContent).value;
  assert.ok(value.startsWith(stageSummary(api, stage, users.get(stage.index))), value);
  assert.match(value, /Target of compose service api, bake target api, workflow image\.yml job api step "Build api"/);
});

test('completion on a target offers the named stages, replacing the value', async () => {
  const { uses, texts } = await shopUses();
  const uri = fixtureUri('shop/docker-bake.hcl');
  const items = crossFileCompletion(uri, uses, fixtureLookup, positionOf(texts.get(uri)!, '"test"', 1))!;
  assert.deepEqual(items.map((i) => i.label), ['deps', 'build', 'test', 'debug', 'worker', 'runtime']);
  assert.equal(textAt(texts.get(uri)!, (items[0].textEdit as TextEdit).range), 'test');
  assert.equal(crossFileCompletion(uri, uses, fixtureLookup, positionOf(texts.get(uri)!, '"linux/amd64"', 1)), null);

  // `target: ` still empty: the names are offered at the cursor.
  const compose = { uri: fixtureUri('shop/compose.dev.yaml'), text: 'services:\n  api:\n    build:\n      context: ./api\n      target: \n' };
  const cursor = { line: 4, character: 14 };
  const empty = crossFileCompletion(compose.uri, readProject([compose], undefined), fixtureLookup, cursor)!;
  assert.equal(empty.length, 6);
  assert.deepEqual((empty[0].textEdit as TextEdit).range, { start: cursor, end: cursor });
});

test('from the Dockerfile: references, the hover line, the lens line and reachability count the targets elsewhere', async () => {
  const { uses, texts } = await shopUses();
  const debug = findStageByName(api, 'debug')!;
  const refs = crossFileReferences(api, debug, uses);
  assert.deepEqual(refs.map((r) => [r.uri, textAt(texts.get(r.uri)!, r.range)]), [[fixtureUri('shop/compose.override.yaml'), 'debug']]);

  const users = buildUsersByStage(api, uses);
  const hover = stageHover(api, positionOf(fixtureFile('shop/api/Dockerfile').text, 'AS worker', 4), (s) => users.get(s.index) ?? []);
  assert.match((hover?.contents as MarkupContent).value, /Target of compose service worker$/);

  const lenses = codeLenses(api, { commands: new Set([STAGE_COMMANDS.showReferences]), buildUsers: users });
  const titles = lenses.map((l) => l.command?.title ?? '');
  assert.ok(titles.some((t) => t.endsWith('target of compose service api, bake target api +1 more')), titles.join('\n'));

  const faded = (targetedStages?: number[]) =>
    computeDiagnostics({ model: api, settings: defaultSettings, files: { dockerignoreExists: true, targetedStages } })
      .filter((d) => d.code === 'unreachable-stage')
      .map((d) => (d.data as { label: string }).label);
  assert.deepEqual(faded(), ['test', 'debug', 'worker']);
  assert.deepEqual(faded([...users.keys()]), []);
});

test('rename: every target naming the stage, and the bake variable default a target reads', async () => {
  const { uses, texts } = await shopUses();
  const runtime = findStageByName(api, 'runtime')!;
  const edits = crossFileRenameEdits(api, runtime, 'release', uses);
  assert.ok(!('error' in edits));
  const applied = [...(edits as Map<string, TextEdit[]>)].map(([uri, list]) => [uri.slice(uri.indexOf('/shop/') + 6), list.map((e) => textAt(texts.get(uri)!, e.range) + '→' + e.newText)]);
  assert.deepEqual(applied.sort(), [
    ['.github/workflows/image.yml', ['runtime→release']],
    ['compose.yaml', ['runtime→release']],
    ['docker-bake.hcl', ['runtime→release']],
  ]);
});

test('rename is refused when a use cannot be rewritten in place, or a variable default also serves another target', async () => {
  const { uses } = await shopUses({ file: 'shop/compose.yaml', from: 'target: worker', to: 'target: "wor\\u006Ber"' });
  const refused = crossFileRenameEdits(api, findStageByName(api, 'worker')!, 'jobs', uses);
  assert.match((refused as { error: string }).error, /^Compose service worker .*escapes/);

  const parser = await hcl();
  const bake = `variable "T" {\n  default = "runtime"\n}\ntarget "a" {\n  context = "./api"\n  target = "\${T}"\n}\ntarget "b" {\n  context = "./web"\n  target = "\${T}"\n}\n`;
  const shared = readProject([{ uri: fixtureUri('shop/docker-bake.hcl'), text: bake }], parser);
  const error = crossFileRenameEdits(api, findStageByName(api, 'runtime')!, 'release', shared) as { error: string };
  assert.match(error.error, /Variable T also gives the target of bake target b/);
  assert.match((crossFileRenameEdits(api, findStageByName(api, 'runtime')!, 'Bad Name', shared) as { error: string }).error, /not a valid stage name/);
});

test('diagnostics carry our source and codes; quick fixes only for ours', () => {
  const foreign: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', source: 'yaml', code: 'unknown-build-target', data: { suggestions: ['a'] } };
  assert.deepEqual(crossFileCodeActions('file:///p/compose.yaml', [foreign]), []);
});
