import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeLens } from 'vscode-languageserver-types';
import { buildModel } from '../src/service/model';
import { codeLenses, stageSummaries } from '../src/service/codeLens';
import { stageRunnables } from '../src/service/stageRunnables';
import { METHODS, STAGE_COMMANDS, type ShowReferencesArgs, type StageCommandArgs } from '../src/protocol';
import { positionOf, SHARED, sharedText } from './helpers';

const ALL = new Set<string>(Object.values(STAGE_COMMANDS));
const URI = 'file:///work/app/Dockerfile';

const text = sharedText('codeLens');

const titles = (lenses: CodeLens[]) => lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`);

test('every stage gets build, shell and info lenses above its FROM; the last one builds the image', () => {
  const lenses = codeLenses(buildModel(text, URI), { commands: ALL });
  assert.deepEqual(titles(lenses), SHARED.codeLensTitles);
  const fromLine2 = { start: positionOf(text, 'FROM base'), end: positionOf(text, 'FROM base', 4) };
  assert.deepEqual(lenses[3].range, fromLine2);
});

test('build and shell lenses carry plain-object arguments: uri, stage (name or index), index, isLast', () => {
  const lenses = codeLenses(buildModel(text, URI), { commands: ALL });
  const build = lenses.find((l) => l.command?.title === "▶ Build stage 'builder'");
  assert.deepEqual(build?.command?.command, STAGE_COMMANDS.build);
  assert.deepEqual(build?.command?.arguments, [{ uri: URI, stage: 'builder', stageIndex: 2, isLast: false } satisfies StageCommandArgs]);
  const shell = lenses.find((l) => l.command?.title === "⌨ Shell in 'runtime'");
  assert.equal(shell?.command?.command, STAGE_COMMANDS.shell);
  assert.deepEqual(shell?.command?.arguments, [{ uri: URI, stage: 'runtime', stageIndex: 4, isLast: true }]);
  assert.doesNotThrow(() => JSON.stringify(lenses));
});

test('an unnamed last stage is built and entered as "the image", labelled by its index', () => {
  const t = 'FROM alpine AS builder\nRUN make\nFROM alpine\nCOPY --from=builder /a /a\n';
  const lenses = codeLenses(buildModel(t, URI), { commands: ALL });
  assert.deepEqual(titles(lenses).filter((x) => x.startsWith('2:')), ['2: ▶ Build image', '2: ⌨ Shell in image', '2: needs: builder · used by no stage']);
  // FROM scratch has no shell: its files are inspected instead.
  const scratch = codeLenses(buildModel(t.replace('FROM alpine\n', 'FROM scratch\n'), URI), { commands: ALL });
  assert.deepEqual(titles(scratch).filter((x) => x.startsWith('2:')), ['2: ▶ Build image', '2: ▤ Inspect image files', '2: needs: builder · used by no stage']);
  assert.deepEqual(lenses.find((l) => l.command?.title === '▶ Build image')?.command?.arguments, [{ uri: URI, stage: '1', stageIndex: 1, isLast: true }]);
});

test('the info lens lists the references to the stage, for editor.action.showReferences', () => {
  const lenses = codeLenses(buildModel(text, URI), { commands: ALL });
  const info = lenses.find((l) => l.range.start.line === 2 && l.command?.command === STAGE_COMMANDS.showReferences);
  const args = info?.command?.arguments?.[0] as ShowReferencesArgs;
  assert.equal(args.uri, URI);
  assert.deepEqual(args.position, positionOf(text, 'deps'));
  assert.deepEqual(
    args.locations.map((l) => l.range.start),
    [positionOf(text, 'FROM deps', 5), positionOf(text, 'from=deps', 5)],
  );
});

test('only lenses whose command the client declared are offered', () => {
  const model = buildModel(text, URI);
  assert.deepEqual(codeLenses(model, { commands: new Set() }), []);
  const infoOnly = codeLenses(model, { commands: new Set([STAGE_COMMANDS.showReferences]) });
  assert.equal(infoOnly.length, 5);
  assert.ok(infoOnly.every((l) => l.command?.command === STAGE_COMMANDS.showReferences));
  const buildOnly = codeLenses(model, { commands: new Set([STAGE_COMMANDS.build, 'someone.else']) });
  assert.deepEqual(buildOnly.map((l) => l.command?.title), ["▶ Build stage 'base'", "▶ Build stage 'deps'", "▶ Build stage 'builder'", '▶ Build image']);
});

test('a duplicated name is buildable only at its last stage (--target picks the last, as on the real engine)', () => {
  const t = 'FROM alpine AS app\nFROM alpine AS App\nFROM scratch\n';
  assert.deepEqual(
    stageRunnables(buildModel(t)).map((r) => [r.label, r.buildable, r.isLast]),
    [['app', false, false], ['App', true, false], ['2', true, true]],
  );
  const lenses = codeLenses(buildModel(t), { commands: ALL });
  assert.match(lenses.find((l) => l.range.start.line === 0)?.command?.title ?? '', /duplicate name: --target picks the last/);
});

test('long needs lists are cut after five names; unnamed needed stages show as "stage N"', () => {
  const lines = ['FROM alpine'];
  for (let i = 1; i <= 7; i++) lines.push(`FROM alpine AS s${i}`, `COPY --from=${i - 1} /a /a`);
  const lenses = codeLenses(buildModel(lines.join('\n')), { commands: new Set([STAGE_COMMANDS.showReferences]) });
  assert.equal(lenses[7].command?.title, 'needs: stage 0, s1, s2, s3, s4, +2 more · used by no stage');
});

test('stage summaries feed the quick pick: every stage, with base image and whether it can be built', () => {
  assert.deepEqual(stageSummaries(buildModel(text, URI)).map((s) => [s.stage, s.name, s.baseImage, s.buildable, s.isLast]), [
    ['base', 'base', 'alpine:3.20', true, false],
    ['deps', 'deps', 'base', true, false],
    ['builder', 'builder', 'deps', true, false],
    ['3', undefined, 'alpine:3.20', false, false],
    ['runtime', 'runtime', 'alpine:3.20', true, true],
  ]);
});

test('a file without FROM has no lenses', () => {
  assert.deepEqual(codeLenses(buildModel('# nothing\nARG X=1\n'), { commands: ALL }), []);
  assert.deepEqual(codeLenses(buildModel(''), { commands: ALL }), []);
});

test('server wiring: lenses follow the commands the client declares (initializationOptions, then the notification + refresh)', async () => {
  const { PassThrough } = await import('node:stream');
  const { createConnection, StreamMessageReader, StreamMessageWriter } = await import('vscode-languageserver/node');
  const { createMessageConnection } = await import('vscode-jsonrpc/node');
  const { startServer } = await import('../src/server');
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)));
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  let refreshed = 0;
  client.onRequest('workspace/codeLens/refresh', () => {
    refreshed++;
    return null;
  });
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  client.listen();
  try {
    const init = await client.sendRequest<{ capabilities: { codeLensProvider?: unknown } }>('initialize', {
      processId: null,
      rootUri: null,
      capabilities: { workspace: { codeLens: { refreshSupport: true } } },
      initializationOptions: { handledCommands: [STAGE_COMMANDS.showReferences] }, // an untrusted workspace
    });
    assert.deepEqual(init.capabilities.codeLensProvider, { resolveProvider: false });
    await client.sendNotification('initialized', {});
    const uri = 'file:///w/Dockerfile';
    const doc = 'FROM alpine AS b\nRUN x\nFROM scratch\nCOPY --from=b /a /a\n';
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: doc } });
    const lensTitles = async () => (await client.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })).map((l) => l.command?.title);
    assert.deepEqual(await lensTitles(), ['needs no other stage · used by 1 stage', 'needs: b · used by no stage']);

    await client.sendNotification(METHODS.handledCommands, { commands: [...ALL] }); // trust granted
    assert.deepEqual(await lensTitles(), [
      "▶ Build stage 'b'",
      "⌨ Shell in 'b'",
      'needs no other stage · used by 1 stage',
      '▶ Build image',
      '▤ Inspect image files', // FROM scratch: no shell
      'needs: b · used by no stage',
    ]);
    assert.equal(refreshed, 1);
    const stages = await client.sendRequest<{ stage: string; isLast: boolean }[]>(METHODS.stages, { uri });
    assert.deepEqual(stages.map((s) => [s.stage, s.isLast]), [['b', false], ['1', true]]);
    assert.deepEqual(await client.sendRequest(METHODS.stages, { uri: 'file:///not/open' }), []);
  } finally {
    client.dispose();
    toServer.end();
  }
});
