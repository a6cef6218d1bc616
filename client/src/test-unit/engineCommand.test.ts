/**
 * Unit tests of the pure argv builder: exact argv for every engine and setting, hostile names and
 * paths, refusals. Nothing runs. (Run by `node scripts/run-node-tests.mjs server/test` through
 * server/test/engineCommand.test.ts; the real engine runs the same argv in test/docker/lens.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultSettings, type BuildSettings } from '../../../server/src/protocol';
import {
  buildInvocation,
  EngineCommandError,
  engineKind,
  isValidImageReference,
  shellInvocation,
  stageTag,
  type StageInvocationInput,
} from '../engineCommand';

const DF = '/w/app/Dockerfile';
const CTX = '/w/app';

function input(build: Partial<BuildSettings> = {}, over: Partial<StageInvocationInput> = {}): StageInvocationInput {
  return { dockerfile: DF, contextDir: CTX, stage: 'builder', folderName: 'app', settings: { ...defaultSettings.build, ...build }, ...over };
}

const refused = (f: () => unknown, message: RegExp) =>
  assert.throws(f, (e: unknown) => e instanceof EngineCommandError && message.test(e.message));

test('docker, defaults: build -f <dockerfile> --target <stage> -t <folder>-<stage>:dev <context>, DOCKER_BUILDKIT=1', () => {
  assert.deepEqual(buildInvocation(input()), {
    command: 'docker',
    args: ['build', '-f', DF, '--target', 'builder', '-t', 'app-builder:dev', CTX],
    env: { DOCKER_BUILDKIT: '1' },
    tag: 'app-builder:dev',
  });
});

test('the last stage is built without --target; an unnamed last stage is tagged by its index', () => {
  assert.deepEqual(buildInvocation(input({}, { stage: 'runtime', isLast: true })).args, ['build', '-f', DF, '-t', 'app-runtime:dev', CTX]);
  assert.deepEqual(buildInvocation(input({}, { stage: '3', isLast: true })).args, ['build', '-f', DF, '-t', 'app-3:dev', CTX]);
});

test('docker with every build setting: platform, build args, extra flags, context, DOCKER_BUILDKIT', () => {
  const inv = buildInvocation(
    input({
      platform: 'linux/arm64',
      buildArgs: { GO_VERSION: '1.22', GREETING: 'hello world; $(rm -rf /)' },
      extraFlags: ['--network=none', '--no-cache', '--label', 'a=b c'],
      dockerContext: 'remote-box',
      buildkit: '0',
    }),
  );
  assert.deepEqual(inv.args, [
    '--context', 'remote-box',
    'build', '-f', DF, '--target', 'builder', '-t', 'app-builder:dev',
    '--platform', 'linux/arm64',
    '--build-arg', 'GO_VERSION=1.22',
    '--build-arg', 'GREETING=hello world; $(rm -rf /)',
    '--network=none', '--no-cache', '--label', 'a=b c',
    CTX,
  ]);
  assert.deepEqual(inv.env, { DOCKER_BUILDKIT: '0' });
  assert.deepEqual(buildInvocation(input({ buildkit: '' })).env, {});
});

test('docker with a builder: buildx build --builder <b> --load (the shell needs the image locally), no DOCKER_BUILDKIT', () => {
  const inv = buildInvocation(input({ builder: 'remote-bk', dockerContext: 'ci' }));
  assert.deepEqual(inv.args, ['--context', 'ci', 'buildx', 'build', '--builder', 'remote-bk', '--load', '-f', DF, '--target', 'builder', '-t', 'app-builder:dev', CTX]);
  assert.deepEqual(inv.env, {});
  assert.deepEqual(shellInvocation(input({ builder: 'remote-bk', dockerContext: 'ci' })).args, [
    '--context', 'ci', 'run', '--rm', '-it', '--entrypoint', 'sh', 'app-builder:dev',
  ]);
});

test('podman: build, dockerContext is its --connection, no builder; no DOCKER_BUILDKIT', () => {
  const inv = buildInvocation(input({ engine: 'podman', dockerContext: 'vm', platform: 'linux/amd64' }));
  assert.deepEqual(inv, {
    command: 'podman',
    args: ['--connection', 'vm', 'build', '-f', DF, '--target', 'builder', '-t', 'app-builder:dev', '--platform', 'linux/amd64', CTX],
    env: {},
    tag: 'app-builder:dev',
  });
  assert.deepEqual(shellInvocation(input({ engine: 'podman' })), {
    command: 'podman',
    args: ['run', '--rm', '-it', '--entrypoint', 'sh', 'app-builder:dev'],
    env: {},
    tag: 'app-builder:dev',
  });
  refused(() => buildInvocation(input({ engine: 'podman', builder: 'bk' })), /podman has no remote builders/);
});

test('buildah: bud; the shell step runs the image with podman (same image store)', () => {
  assert.deepEqual(buildInvocation(input({ engine: '/usr/bin/buildah', buildArgs: { A: '1' } })), {
    command: '/usr/bin/buildah',
    args: ['bud', '-f', DF, '--target', 'builder', '-t', 'app-builder:dev', '--build-arg', 'A=1', CTX],
    env: {},
    tag: 'app-builder:dev',
  });
  assert.deepEqual(shellInvocation(input({ engine: '/usr/bin/buildah', shell: 'bash' })), {
    command: 'podman',
    args: ['run', '--rm', '-it', '--entrypoint', 'bash', 'app-builder:dev'],
    env: {},
    tag: 'app-builder:dev',
  });
  refused(() => buildInvocation(input({ engine: 'buildah', builder: 'bk' })), /buildah has no remote builders/);
  refused(() => shellInvocation(input({ engine: 'buildah', dockerContext: 'x' })), /buildah has no Docker contexts/);
});

test('nerdctl: build like docker; the builder is --buildkit-host; no Docker contexts', () => {
  assert.deepEqual(buildInvocation(input({ engine: 'nerdctl', builder: 'unix:///run/buildkit/buildkitd.sock' })), {
    command: 'nerdctl',
    args: ['build', '--buildkit-host', 'unix:///run/buildkit/buildkitd.sock', '-f', DF, '--target', 'builder', '-t', 'app-builder:dev', CTX],
    env: {},
    tag: 'app-builder:dev',
  });
  assert.deepEqual(shellInvocation(input({ engine: 'nerdctl', platform: 'linux/arm64' })).args, [
    'run', '--rm', '-it', '--platform', 'linux/arm64', '--entrypoint', 'sh', 'app-builder:dev',
  ]);
  refused(() => buildInvocation(input({ engine: 'nerdctl', dockerContext: 'x' })), /nerdctl has no Docker contexts/);
});

test('the engine override wins over the setting; the argv shape follows the executable name', () => {
  assert.equal(buildInvocation(input({ engine: 'podman' }, { engine: '/usr/bin/docker' })).command, '/usr/bin/docker');
  assert.deepEqual(buildInvocation(input({ engine: '' })).command, 'docker');
  assert.deepEqual(
    ['docker', '/usr/local/bin/docker', 'C:\\Program Files\\Docker\\docker.exe', 'podman', '/opt/podman-remote', 'PODMAN.EXE', 'buildah', 'nerdctl', '/x/nerdctl.exe', 'my-wrapper'].map(engineKind),
    ['docker', 'docker', 'docker', 'podman', 'podman', 'podman', 'buildah', 'nerdctl', 'nerdctl', 'docker'],
  );
});

test('shell: run --rm -it --entrypoint <shell> <tag>; the shell setting; non-interactive with arguments for tests', () => {
  assert.deepEqual(shellInvocation(input()), { command: 'docker', args: ['run', '--rm', '-it', '--entrypoint', 'sh', 'app-builder:dev'], env: {}, tag: 'app-builder:dev' });
  assert.deepEqual(shellInvocation(input({ shell: '/bin/bash', platform: 'linux/arm64', dockerContext: 'c' })).args, [
    '--context', 'c', 'run', '--rm', '-it', '--platform', 'linux/arm64', '--entrypoint', '/bin/bash', 'app-builder:dev',
  ]);
  assert.deepEqual(shellInvocation(input({ shell: '' })).args.slice(-2), ['sh', 'app-builder:dev']);
  assert.deepEqual(shellInvocation(input(), { interactive: false, shellArgs: ['-c', 'cat /built'] }).args, [
    'run', '--rm', '--entrypoint', 'sh', 'app-builder:dev', '-c', 'cat /built',
  ]);
  refused(() => shellInvocation(input({ shell: 'bash -l' })), /must be one program/);
  refused(() => shellInvocation(input({ shell: '--privileged' })), /must be one program/);
});

const HOSTILE_PATHS = [
  '/w/my app/Dockerfile',
  `/w/it's "quoted"/Dockerfile`,
  '/w/$(touch pwned)/Dockerfile',
  '/w/`id`/Dockerfile',
  '/w/a;b && c | d > e/Dockerfile',
  '/w/line\nbreak/Dockerfile',
  '/w/ünïcødé 日本/Dockerfile',
  '/w/*?[x]/~/$HOME/Dockerfile',
];

test('paths with spaces, quotes, $(), backticks, ;, newlines, globs and non-ASCII are single, untouched argv elements', () => {
  for (const dockerfile of HOSTILE_PATHS) {
    const contextDir = path.posix.dirname(dockerfile);
    for (const engine of ['docker', 'podman', 'buildah', 'nerdctl']) {
      const { args } = buildInvocation(input({ engine }, { dockerfile, contextDir }));
      assert.equal(args[args.indexOf('-f') + 1], dockerfile, `${engine} ${dockerfile}`);
      assert.equal(args[args.length - 1], contextDir);
      assert.equal(args.filter((a) => a === dockerfile).length, 1);
    }
  }
});

test('relative paths starting with - become ./-…, never an option', () => {
  const { args } = buildInvocation(input({}, { dockerfile: '-f', contextDir: '--help' }));
  assert.deepEqual(args, ['build', '-f', './-f', '--target', 'builder', '-t', 'app-builder:dev', './--help']);
  refused(() => buildInvocation(input({}, { contextDir: '' })), /Build context path is empty/);
});

test('stage names that could be options or are not names are refused with a clear message', () => {
  refused(() => buildInvocation(input({}, { stage: '' })), /No stage given/);
  for (const stage of ['-rf', '--target', '-']) {
    refused(() => buildInvocation(input({}, { stage })), /starting with '-' would be read as an option/);
    refused(() => shellInvocation(input({}, { stage, isLast: true })), /starting with '-'/);
  }
  for (const stage of ['a b', 'a\nb', 'tab\there', 'nul\u0000', ' lead']) {
    refused(() => buildInvocation(input({}, { stage })), /cannot contain spaces or control characters/);
  }
  refused(() => buildInvocation(input({}, { stage: '2' })), /Stage 2 is unnamed and not the last stage: BuildKit's --target selects stages by name only/);
});

test('other odd stage values are passed as their own element and kept out of the tag', () => {
  for (const stage of ['$(id)', '`id`', 'a;b', "it's", 'ünï', 'Builder']) {
    const inv = buildInvocation(input({}, { stage }));
    assert.equal(inv.args[inv.args.indexOf('--target') + 1], stage);
    assert.ok(isValidImageReference(inv.tag), inv.tag);
  }
  assert.equal(buildInvocation(input({}, { stage: '$(id)' })).tag, 'app-id:dev');
  assert.equal(buildInvocation(input({}, { stage: 'Builder' })).tag, 'app-builder:dev');
  assert.equal(buildInvocation(input({}, { stage: 'ünï' })).tag, 'app-uni:dev');
});

test('tags: template filled with reference-safe folder and stage names, then checked', () => {
  assert.equal(stageTag('${folder}-${stage}:dev', 'My App', 'builder'), 'my-app-builder:dev');
  assert.equal(stageTag('${folder}-${stage}:dev', 'Café__Crème', 'build.v2'), 'cafe-creme-build.v2:dev');
  assert.equal(stageTag('${folder}-${stage}:dev', 'приложение', 'builder'), 'image-builder:dev');
  assert.equal(stageTag('${folder}-${stage}:dev', '--..--', '...'), 'image-stage:dev');
  assert.equal(stageTag('registry.local:5000/team/${folder}:${stage}-Debug', 'api', 'builder'), 'registry.local:5000/team/api:builder-Debug');
  assert.equal(stageTag('${stage}', 'api', 'test'), 'test');
  assert.equal(stageTag('', 'api', 'test'), 'api-test:dev');
  assert.equal(stageTag('${folder}-${stage}:dev', 'x'.repeat(300), 'y'.repeat(300)).length, 64 + 1 + 64 + 4);
  refused(() => stageTag('MyRepo/${stage}', 'api', 'b'), /not a valid image reference/);
  refused(() => stageTag('${stage}:a:b', 'api', 'b'), /not a valid image reference/);
  refused(() => stageTag('-${stage}', 'api', 'b'), /not a valid image reference/);
  refused(() => stageTag('${stage}@sha256:abc', 'api', 'b'), /not a valid image reference/);
});

test('build args: values untouched; names that would break K=V or read as options are refused', () => {
  const { args } = buildInvocation(input({ buildArgs: { MSG: 'a\nb "c" `d` $(e)', EMPTY: '' } }));
  assert.deepEqual(args.slice(7, 11), ['--build-arg', 'MSG=a\nb "c" `d` $(e)', '--build-arg', 'EMPTY=']);
  for (const name of ['', 'A=B', '-x', 'A B']) refused(() => buildInvocation(input({ buildArgs: { [name]: '1' } })), /Refusing build arg name/);
});

test('option values starting with - are refused; blank ones mean unset; non-string extra flags are skipped', () => {
  refused(() => buildInvocation(input({ platform: '--privileged' })), /Refusing dockerfileStages.build.platform/);
  refused(() => buildInvocation(input({ builder: '-x' })), /Refusing dockerfileStages.build.builder/);
  refused(() => shellInvocation(input({ dockerContext: '--host=x' })), /Refusing dockerfileStages.build.dockerContext/);
  assert.deepEqual(buildInvocation(input({ platform: '  ', builder: ' ', dockerContext: '' })).args, buildInvocation(input()).args);
  const extra = [1, '--pull', null] as unknown as string[];
  assert.deepEqual(buildInvocation(input({ extraFlags: extra })).args.slice(-2), ['--pull', CTX]);
});

test('every combination of engine and settings gives a well-formed argv or a clear refusal', () => {
  const engines = ['docker', 'podman', 'buildah', 'nerdctl'];
  let built = 0;
  let refusedCount = 0;
  for (const engine of engines)
    for (const builder of ['', 'bk'])
      for (const dockerContext of ['', 'ctx'])
        for (const platform of ['', 'linux/arm64'])
          for (const buildArgs of [{}, { A: '1' }] as Record<string, string>[])
            for (const extraFlags of [[], ['--network=none']] as string[][])
              for (const buildkit of ['', '1'])
                for (const isLast of [false, true]) {
                  const i = input({ engine, builder, dockerContext, platform, buildArgs, extraFlags, buildkit }, { isLast });
                  let build;
                  try {
                    build = buildInvocation(i);
                  } catch (e) {
                    assert.ok(e instanceof EngineCommandError);
                    assert.ok((builder && (engine === 'podman' || engine === 'buildah')) || (dockerContext && (engine === 'nerdctl' || engine === 'buildah')));
                    refusedCount++;
                    continue;
                  }
                  built++;
                  const { args, env } = build;
                  const sub = args.findIndex((a) => a === 'build' || a === 'bud');
                  assert.ok(sub >= 0);
                  assert.equal(args[args.indexOf('-f') + 1], DF);
                  assert.equal(args[args.indexOf('-t') + 1], 'app-builder:dev');
                  assert.equal(args[args.length - 1], CTX);
                  assert.equal(args.includes('--target'), !isLast);
                  assert.equal(args.includes('--platform'), !!platform);
                  assert.equal(args.includes('--build-arg'), 'A' in buildArgs);
                  assert.equal(args.includes('--network=none'), extraFlags.length > 0);
                  assert.equal(args.includes('--load'), engine === 'docker' && !!builder);
                  assert.deepEqual(env, engine === 'docker' && !builder && buildkit ? { DOCKER_BUILDKIT: buildkit } : {});
                  const shell = shellInvocation(i);
                  assert.equal(shell.command, engine === 'buildah' ? 'podman' : engine);
                  assert.deepEqual(shell.args.slice(-4), ['-it', ...(platform ? ['--platform', platform] : []), '--entrypoint', 'sh', 'app-builder:dev'].slice(-4));
                  assert.equal(shell.tag, build.tag);
                }
  assert.equal(built + refusedCount, 4 * 2 * 2 * 2 * 2 * 2 * 2 * 2);
  assert.ok(built > refusedCount);
});
