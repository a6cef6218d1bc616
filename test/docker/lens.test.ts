/**
 * The stage lenses against real engines: the argv each lens runs comes from the same functions the
 * extension uses (stageRunnables → buildInvocation / shellInvocation); only the engine executable is
 * the harness's client (DOCKER_CLI with the private DOCKER_HOST) and `--network=none` is added
 * through the extraFlags setting, as a user would.
 *
 * The shell step runs without a terminal here: `shellInvocation(…, { interactive: false, shellArgs })`
 * is the lens's argv minus `-it` plus a command for the shell (asserted below); with `-it` and no TTY
 * the client refuses ("the input device is not a TTY").
 *
 * podman/buildah: run when installed (apt-get install podman buildah), against a private
 * containers-storage (vfs) and containers.conf (no network, cgroupfs, rlimits a sandbox allows),
 * never the host's; BUILDAH_ISOLATION=oci because podman refuses --network=none with chroot.
 *
 * Run: node scripts/run-node-tests.mjs test/docker
 */
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { BASE, BUSYBOX, DOCKER_CLI, buildContext, engineSkipReason, runCommand, useEngine, type DockerResult, type Engine, type EngineHandle } from './harness';
import { buildModel } from '../../server/src/service/model';
import { stageRunnables } from '../../server/src/service/stageRunnables';
import { defaultSettings, type BuildSettings } from '../../server/src/protocol';
import { buildInvocation, EngineCommandError, shellInvocation, type Invocation, type StageInvocationInput } from '../../client/src/engineCommand';

const TEST_TIMEOUT = 120_000;

const FIXTURE = [
  `FROM ${BASE} AS base`,
  'RUN echo base > /base',
  'FROM base AS builder',
  'RUN echo built > /built',
  `FROM ${BASE} AS broken`,
  'RUN echo never > /never && false',
  `FROM ${BASE}`,
  'RUN echo unnamed > /unnamed',
  'FROM base AS runtime',
  'COPY --from=builder /built /app/built',
  'RUN echo runtime > /runtime',
  '',
].join('\n');

/** What the shell step prints: the files it sees, and any later stage's file it should not. */
const PROBE = 'cat /base /built 2>&1; for f in /never /unnamed /runtime /app/built; do test -e $f && echo "has $f"; done; true';

/** The lens for `label` on `text`, as the server computes it, turned into the builder's input. */
function lensInput(text: string, label: string, dockerfile: string, contextDir: string, build: Partial<BuildSettings> = {}): StageInvocationInput {
  const runnable = stageRunnables(buildModel(text)).find((r) => r.label === label);
  assert.ok(runnable, `no lens for stage ${label}`);
  assert.ok(runnable.buildable, `stage ${label} has no build lens`);
  return {
    engine: DOCKER_CLI,
    dockerfile,
    contextDir,
    stage: runnable.label,
    isLast: runnable.isLast,
    settings: { ...defaultSettings.build, extraFlags: ['--network=none'], ...build },
    folderName: path.basename(path.dirname(dockerfile)),
  };
}

function run(inv: Invocation, baseEnv: Record<string, string>, cwd: string): Promise<DockerResult> {
  return runCommand(inv.command, inv.args, { env: { ...baseEnv, ...inv.env }, cwd, timeoutMs: TEST_TIMEOUT - 10_000 });
}

const out = (r: DockerResult) => r.stdout + r.stderr;
function ok(r: DockerResult, inv: Invocation): DockerResult {
  assert.equal(r.code, 0, `expected success:\n$ ${inv.command} ${JSON.stringify(inv.args)}\n${out(r)}`);
  return r;
}

/** The shell lens's argv without a terminal; asserts it differs from the lens only by -it and the arguments. */
function probeShell(input: StageInvocationInput, shellArgs = ['-c', PROBE]): Invocation {
  const lens = shellInvocation(input);
  const probe = shellInvocation(input, { interactive: false, shellArgs });
  assert.deepEqual(probe.args, [...lens.args.filter((a) => a !== '-it'), ...shellArgs]);
  assert.equal(probe.command, lens.command);
  return probe;
}

describe('stage lenses on dockerd + BuildKit', { skip: engineSkipReason() }, () => {
  const suite: EngineHandle = useEngine();

  function fact(name: string, fn: (e: Engine, t: TestContext) => Promise<void>): void {
    it(name, { timeout: TEST_TIMEOUT }, async (t) => {
      const e = suite.get(t);
      if (!e) return;
      await fn(e, t);
    });
  }

  fact("'▶ Build stage builder' yields the builder's files and none of the later stages'", async (e) => {
    const ctx = await buildContext({ Dockerfile: FIXTURE });
    const input = lensInput(FIXTURE, 'builder', path.join(ctx, 'Dockerfile'), ctx);
    const build = buildInvocation(input);
    assert.equal(build.command, DOCKER_CLI);
    assert.deepEqual(build.args, ['build', '-f', input.dockerfile, '--target', 'builder', '-t', build.tag, '--network=none', ctx]);
    assert.deepEqual(build.env, { DOCKER_BUILDKIT: '1' });
    const r = ok(await run(build, e.env, ctx), build);
    assert.doesNotMatch(out(r), /\[(broken|runtime|stage-3)\b/, 'BuildKit built a stage --target builder does not need');

    const shell = ok(await run(probeShell(input), e.env, ctx), build);
    assert.equal(shell.stdout, 'base\nbuilt\n');
  });

  fact("'⌨ Shell in' runs the chosen shell inside the stage's image", async (e) => {
    const ctx = await buildContext({ Dockerfile: FIXTURE });
    const input = lensInput(FIXTURE, 'base', path.join(ctx, 'Dockerfile'), ctx, { shell: '/bin/ash' });
    ok(await run(buildInvocation(input), e.env, ctx), buildInvocation(input));
    const shell = probeShell(input, ['-c', 'echo "$0 in $(cat /base)"']);
    assert.deepEqual(shell.args.slice(0, 4), ['run', '--rm', '--entrypoint', '/bin/ash']);
    const r = ok(await run(shell, e.env, ctx), shell);
    assert.equal(r.stdout, '/bin/ash in base\n');
  });

  fact("'▶ Build image' (last stage, no --target) skips the unrelated failing stage with BuildKit; the legacy builder does not", async (e) => {
    const ctx = await buildContext({ Dockerfile: FIXTURE });
    const input = lensInput(FIXTURE, 'runtime', path.join(ctx, 'Dockerfile'), ctx);
    const build = buildInvocation(input);
    assert.ok(!build.args.includes('--target'));
    const r = ok(await run(build, e.env, ctx), build);
    assert.doesNotMatch(out(r), /\[broken\b|RUN echo never/);
    const shell = ok(await run(probeShell(input), e.env, ctx), build);
    assert.equal(shell.stdout, 'base\ncat: can\'t open \'/built\': No such file or directory\nhas /runtime\nhas /app/built\n');

    // dockerfileStages.build.buildkit = "0": the same lens runs the legacy builder, which builds every
    // stage up to the target in order, so the unrelated failing RUN fails the build.
    const legacy = buildInvocation({ ...input, settings: { ...input.settings, buildkit: '0' } });
    assert.deepEqual(legacy.env, { DOCKER_BUILDKIT: '0' });
    const l = await run(legacy, e.env, ctx);
    assert.notEqual(l.code, 0);
    assert.match(out(l), /echo never > \/never && false/);
  });

  fact('an unnamed stage cannot be a --target (so it gets no build lens); of duplicate names the last one is built', async (e) => {
    const ctx = await buildContext({ Dockerfile: FIXTURE });
    const runtime = buildInvocation(lensInput(FIXTURE, 'runtime', path.join(ctx, 'Dockerfile'), ctx, {}));
    const unnamed = stageRunnables(buildModel(FIXTURE)).find((r) => r.stageIndex === 3);
    assert.equal(unnamed?.buildable, false);
    assert.throws(() => buildInvocation({ ...lensInput(FIXTURE, 'base', path.join(ctx, 'Dockerfile'), ctx), stage: '3', isLast: false }), EngineCommandError);
    const byIndex = { ...runtime, args: [...runtime.args.slice(0, -1), '--target', '3', ctx] };
    const r = await run(byIndex, e.env, ctx);
    assert.notEqual(r.code, 0);
    assert.match(out(r), /target stage 3 could not be found/);

    const dup = [`FROM ${BASE} AS app`, 'RUN echo first > /which', `FROM ${BASE} AS App`, 'RUN echo second > /which', `FROM ${BASE}`, ''].join('\n');
    const dctx = await buildContext({ Dockerfile: dup });
    const lenses = stageRunnables(buildModel(dup)).filter((x) => x.buildable && !x.isLast);
    assert.deepEqual(lenses.map((x) => [x.stageIndex, x.label]), [[1, 'App']]);
    const input = lensInput(dup, 'App', path.join(dctx, 'Dockerfile'), dctx);
    ok(await run(buildInvocation(input), e.env, dctx), buildInvocation(input));
    const which = ok(await run(probeShell(input, ['-c', 'cat /which']), e.env, dctx), buildInvocation(input));
    assert.equal(which.stdout, 'second\n');
  });

  fact('paths with spaces, quotes, $(), backticks, ; and non-ASCII are passed as they are', async (e) => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'lens-paths-'));
    try {
      const dir = path.join(parent, `my app $(touch PWNED) 'q' "dq" \`touch PWNED2\` ; ü 日本`);
      await mkdir(dir);
      const dockerfile = path.join(dir, 'Dockerfile.dev ü');
      await writeFile(dockerfile, FIXTURE);
      const input = lensInput(FIXTURE, 'builder', dockerfile, dir);
      const build = buildInvocation(input);
      assert.equal(build.args[build.args.indexOf('-f') + 1], dockerfile);
      assert.equal(build.args[build.args.length - 1], dir);
      assert.match(build.tag, /^my-app-touch-pwned-q-dq-touch-pwned2-u-builder:dev$/);
      ok(await run(build, e.env, dir), build);
      const r = ok(await run(probeShell(input), e.env, dir), build);
      assert.equal(r.stdout, 'base\nbuilt\n');
      assert.deepEqual((await readdir(parent)).length, 1, 'something created files next to the context');
      assert.ok(!existsSync(path.join(dir, 'PWNED')) && !existsSync('PWNED') && !existsSync(path.join(parent, 'PWNED')));
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  fact('this engine (BuildKit 0.8) prints no Dockerfile:line block for a failing RUN: the problem matchers have nothing to map', async (e) => {
    const ctx = await buildContext({ Dockerfile: FIXTURE });
    const input = lensInput(FIXTURE, 'broken', path.join(ctx, 'Dockerfile'), ctx);
    const r = await run(buildInvocation(input), e.env, ctx);
    assert.notEqual(r.code, 0);
    assert.match(out(r), /^ > \[broken 2\/2\] RUN echo never > \/never && false:$/m);
    assert.doesNotMatch(out(r), /^\S.*:\d+\n-{20}$/m);
  });
});

// ---- podman / buildah ----

const which = (name: string) => ['/usr/bin', '/usr/local/bin', '/bin'].map((d) => path.join(d, name)).find((p) => isExecutable(p));
function isExecutable(p: string): boolean {
  try {
    return statSync(p).isFile() && (statSync(p).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}
const BUILDAH = which('buildah');
const PODMAN = which('podman');
const containersSkip =
  process.platform !== 'linux' || process.getuid?.() !== 0
    ? 'podman/buildah tests need root on Linux'
    : !BUILDAH || !PODMAN
      ? `not installed: ${[!BUILDAH && 'buildah', !PODMAN && 'podman'].filter(Boolean).join(', ')} (apt-get install podman buildah)`
      : false;

/** FROM scratch + static busybox: no registry, no docker store. */
const SCRATCH_FIXTURE = [
  'FROM scratch AS base',
  'COPY busybox /bin/busybox',
  'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
  'RUN echo base > /base',
  'FROM base AS builder',
  'RUN echo built > /built',
  'FROM base AS broken',
  'RUN false',
  'FROM base AS runtime',
  'COPY --from=builder /built /app/built',
  '',
].join('\n');

describe('stage lenses on podman and buildah (argv shapes, run when installed)', { skip: containersSkip }, () => {
  let root = '';
  let env: Record<string, string> = {};
  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'lens-containers-'));
    await writeFile(path.join(root, 'storage.conf'), `[storage]\ndriver = "vfs"\nrunroot = "${root}/run"\ngraphroot = "${root}/graph"\n`);
    await writeFile(
      path.join(root, 'containers.conf'),
      '[containers]\nnetns = "none"\ndefault_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]\n[engine]\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n',
    );
    env = { CONTAINERS_STORAGE_CONF: path.join(root, 'storage.conf'), CONTAINERS_CONF: path.join(root, 'containers.conf'), BUILDAH_ISOLATION: 'oci' };
  });
  after(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  async function scratchContext(): Promise<string> {
    const ctx = await mkdtemp(path.join(root, 'ctx '));
    await writeFile(path.join(ctx, 'Dockerfile'), SCRATCH_FIXTURE);
    await copyFile(BUSYBOX, path.join(ctx, 'busybox'));
    return ctx;
  }

  function input(engine: string, ctx: string, label: string): StageInvocationInput {
    const runnable = stageRunnables(buildModel(SCRATCH_FIXTURE)).find((r) => r.label === label);
    assert.ok(runnable?.buildable);
    return {
      dockerfile: path.join(ctx, 'Dockerfile'),
      contextDir: ctx,
      stage: runnable.label,
      isLast: runnable.isLast,
      settings: { ...defaultSettings.build, engine, extraFlags: ['--network=none'] },
      folderName: 'lens',
    };
  }

  it('buildah bud --target builder, then the shell step through podman sees the builder and skips the failing stage', { timeout: TEST_TIMEOUT }, async () => {
    const ctx = await scratchContext();
    const i = input(BUILDAH!, ctx, 'builder');
    const build = buildInvocation(i);
    assert.deepEqual(build, {
      command: BUILDAH,
      args: ['bud', '-f', path.join(ctx, 'Dockerfile'), '--target', 'builder', '-t', 'lens-builder:dev', '--network=none', ctx],
      env: {},
      tag: 'lens-builder:dev',
    });
    const r = ok(await run(build, env, ctx), build);
    assert.doesNotMatch(out(r), /RUN false/);
    const shell = probeShell(i, ['-c', 'cat /base /built; test -e /app || echo no-app']);
    assert.equal(shell.command, 'podman');
    const s = ok(await run({ ...shell, command: PODMAN! }, env, ctx), shell);
    assert.equal(s.stdout, 'base\nbuilt\nno-app\n');
  });

  it('podman build (last stage: no --target) and podman run', { timeout: TEST_TIMEOUT }, async () => {
    const ctx = await scratchContext();
    const i = input(PODMAN!, ctx, 'runtime');
    const build = buildInvocation(i);
    assert.deepEqual(build.args, ['build', '-f', path.join(ctx, 'Dockerfile'), '-t', 'lens-runtime:dev', '--network=none', ctx]);
    const r = ok(await run(build, env, ctx), build);
    assert.doesNotMatch(out(r), /RUN false/);
    const s = ok(await run(probeShell(i, ['-c', 'cat /app/built']), env, ctx), build);
    assert.equal(s.stdout, 'built\n');
  });
});
