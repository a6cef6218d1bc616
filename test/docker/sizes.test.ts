/**
 * Sizes per stage and "Inspect files" against dockerd 20.10 + BuildKit, running exactly the argv the
 * extension runs: buildInvocation for the build (as the lens does), then the image queries of
 * client/src/imageInfo.ts through client/src/engineRunner.ts, the tar listing of client/src/imageFiles.ts,
 * and the server's lens and hover fed with the sizes read (what the `dockerfileStages/stageSizes`
 * notification carries). The VS Code wiring around them is covered by client/src/test/suite/buildUx.test.ts.
 *
 * Run: node scripts/run-node-tests.mjs test/docker
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { BASE, DOCKER_CLI, buildContext, engineSkipReason, useEngine, type Engine, type EngineHandle } from './harness';
import { buildModel } from '../../server/src/service/model';
import { codeLenses } from '../../server/src/service/codeLens';
import { stageRunnables } from '../../server/src/service/stageRunnables';
import { stageHover } from '../../server/src/service/hover';
import { defaultSettings, formatBytes, STAGE_COMMANDS, type StageSizeInfo } from '../../server/src/protocol';
import { buildInvocation, type Invocation } from '../../client/src/engineCommand';
import { historyInvocation, instructionsIn, mapLayersToLines, parseHistory, parseSize, sizeComparison, sizeInvocation } from '../../client/src/imageInfo';
import { runEngine } from '../../client/src/engineRunner';
import { listImageFiles } from '../../client/src/imageFiles';
import { beforeAfterReport, checkProgram, configInvocation, parseConfig } from '../../client/src/verifyImage';

const TEST_TIMEOUT = 180_000;

const FIXTURE = [
  `FROM ${BASE} AS builder`, // 0
  'WORKDIR /src',
  'RUN dd if=/dev/zero of=/src/blob bs=1024 count=3000 2>/dev/null && echo hi > /src/hello', // 2
  'FROM scratch AS runtime', // 3
  'COPY --from=builder /src/hello /app/hello', // 4
  'COPY --from=builder /bin/busybox /bin/app', // 5
  'ENTRYPOINT ["/bin/app"]',
  '',
].join('\n');

const settings = { ...defaultSettings.build, extraFlags: ['--network=none'] };
const silent = { appendLine: () => undefined };

describe('stage sizes and files on dockerd + BuildKit', { skip: engineSkipReason() }, () => {
  const suite: EngineHandle = useEngine();
  const withEnv = (inv: Invocation, e: Engine): Invocation => ({ ...inv, env: { ...e.env, ...inv.env } });

  async function buildStage(e: Engine, ctx: string, label: string): Promise<string> {
    const runnable = stageRunnables(buildModel(FIXTURE)).find((r) => r.label === label)!;
    const inv = buildInvocation({ engine: DOCKER_CLI, dockerfile: path.join(ctx, 'Dockerfile'), contextDir: ctx, stage: label, isLast: runnable.isLast, settings, folderName: 'sizes' });
    await runEngine(withEnv(inv, e), silent, { timeoutMs: TEST_TIMEOUT - 20_000 });
    return inv.tag;
  }

  async function sizeOf(e: Engine, tag: string): Promise<StageSizeInfo & { history: ReturnType<typeof parseHistory> }> {
    const q = { engine: DOCKER_CLI, settings, tag };
    const bytes = parseSize(await runEngine(withEnv(sizeInvocation(q), e), silent));
    const history = parseHistory(await runEngine(withEnv(historyInvocation(q), e), silent));
    assert.ok(bytes !== undefined);
    return { bytes, layers: history.length, history };
  }

  function fact(name: string, fn: (e: Engine) => Promise<void>): void {
    it(name, { timeout: TEST_TIMEOUT }, async (t: TestContext) => {
      const e = suite.get(t);
      if (!e) return;
      await fn(e);
    });
  }

  fact('after building two stages, the build lens and the hover show their sizes; Compare reports both; layers map to lines', async (e) => {
    const ctx = await buildContext({ Dockerfile: FIXTURE });
    const builder = await sizeOf(e, await buildStage(e, ctx, 'builder'));
    const runtime = await sizeOf(e, await buildStage(e, ctx, 'runtime'));
    // builder: busybox (~1 MB) + the 3 MB blob; runtime: busybox binary + 3 bytes.
    assert.ok(builder.bytes > 3_000_000, `builder ${builder.bytes}`);
    assert.ok(runtime.bytes < builder.bytes && runtime.bytes > 100_000, `runtime ${runtime.bytes}`);

    const model = buildModel(FIXTURE, 'file:///ctx/Dockerfile');
    const sizes = { builder: { bytes: builder.bytes, layers: builder.layers }, runtime: { bytes: runtime.bytes, layers: runtime.layers } };
    const titles = codeLenses(model, { commands: new Set([STAGE_COMMANDS.build]), sizes }).map((l) => l.command?.title);
    assert.deepEqual(titles, [`▶ Build stage 'builder' · ${formatBytes(builder.bytes)}`, `▶ Build image · ${formatBytes(runtime.bytes)}`]);
    const hover = JSON.stringify(stageHover(model, { line: 4, character: 16 }, undefined, sizes)?.contents);
    assert.match(hover, new RegExp(`Image size: \\*\\*${formatBytes(builder.bytes)}\\*\\* · ${builder.layers} layers`));

    const report = sizeComparison([{ label: 'builder', bytes: builder.bytes }], { label: 'runtime', bytes: runtime.bytes });
    assert.equal(report, `builder ${formatBytes(builder.bytes)} → runtime ${formatBytes(runtime.bytes)}`);

    const mapped = mapLayersToLines(builder.history, instructionsIn(FIXTURE, 0, 3));
    const blob = mapped.find((l) => l.line === 2);
    assert.ok(blob && blob.bytes >= 3_000_000, `RUN dd layer: ${JSON.stringify(mapped)}`);
    assert.equal(mapped.find((l) => l.line === 1)?.createdBy.startsWith('WORKDIR'), true);
    const runtimeLayers = mapLayersToLines(runtime.history, instructionsIn(FIXTURE, 3, 8));
    assert.deepEqual(runtimeLayers.filter((l) => l.line !== undefined).map((l) => l.line).sort(), [4, 5, 6]);
  });

  fact('"Inspect files" lists a scratch stage\'s files from create + export (nothing runs in it)', async (e) => {
    const ctx = await buildContext({ Dockerfile: FIXTURE });
    const tag = await buildStage(e, ctx, 'runtime');
    const entries = await listImageFiles({ engine: DOCKER_CLI, settings, tag, env: e.env }, silent);
    const byPath = new Map(entries.map((x) => [x.path, x]));
    assert.deepEqual(byPath.get('/app/hello'), { path: '/app/hello', size: 3, type: 'file' });
    assert.equal(byPath.get('/bin/app')?.type, 'file');
    assert.ok((byPath.get('/bin/app')?.size ?? 0) > 100_000);
    assert.equal(byPath.get('/app')?.type, 'directory');
    // The container made for the export is removed again.
    assert.equal((await e.docker(['ps', '-aq'])).stdout.trim(), '');
  });

  fact('"Build before and after": a fat single stage and its builder + scratch refactor, both sizes and the program found', async (e) => {
    const before = [`FROM ${BASE}`, 'RUN dd if=/dev/zero of=/toolchain bs=1024 count=4000 2>/dev/null && mkdir -p /usr/local/bin && cp /bin/busybox /usr/local/bin/server', 'ENTRYPOINT ["/usr/local/bin/server"]', 'CMD ["true"]', ''].join('\n');
    const after = [
      `FROM ${BASE} AS builder`,
      'RUN dd if=/dev/zero of=/toolchain bs=1024 count=4000 2>/dev/null && mkdir -p /usr/local/bin && cp /bin/busybox /usr/local/bin/server',
      'FROM scratch',
      'COPY --from=builder /usr/local/bin/server /usr/local/bin/server',
      'ENTRYPOINT ["/usr/local/bin/server"]',
      'CMD ["true"]',
      '',
    ].join('\n');
    const broken = after.replace('COPY --from=builder /usr/local/bin/server /usr/local/bin/server', 'COPY --from=builder /bin/busybox /bin/busybox');
    const ctx = await buildContext({ 'before.Dockerfile': before, 'after.Dockerfile': after, 'broken.Dockerfile': broken });
    const build = async (file: string, stage: string) => {
      const inv = buildInvocation({ engine: DOCKER_CLI, dockerfile: path.join(ctx, file), contextDir: ctx, stage, isLast: true, settings, folderName: 'ba' });
      await runEngine(withEnv(inv, e), silent, { timeoutMs: 90_000 });
      return inv.tag;
    };
    const q = (tag: string) => ({ engine: DOCKER_CLI, settings, tag, env: e.env });
    const measure = async (tag: string) => {
      const bytes = parseSize(await runEngine(sizeInvocation(q(tag)), silent));
      const config = parseConfig(await runEngine(configInvocation(q(tag)), silent));
      return { bytes, check: checkProgram(config, await listImageFiles(q(tag), silent)) };
    };
    const b = await measure(await build('before.Dockerfile', 'before'));
    const a = await measure(await build('after.Dockerfile', 'after'));
    assert.ok(b.bytes! > a.bytes! + 3_000_000, `${b.bytes} → ${a.bytes}`);
    assert.equal(beforeAfterReport(b.bytes, a.bytes, a.check), `${formatBytes(b.bytes!)} → ${formatBytes(a.bytes!)}; /usr/local/bin/server is in the new image.`);
    const x = await measure(await build('broken.Dockerfile', 'broken'));
    assert.equal(x.check.ok, false);
    assert.match(beforeAfterReport(b.bytes, x.bytes, x.check), /NOT in the new image: \/usr\/local\/bin\/server/);
  });
});
