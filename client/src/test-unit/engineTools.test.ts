/**
 * The pure helpers behind the engine-aware commands: engine detection on a made-up PATH, the tar
 * reader that lists `export` output, and the image size/history readers with layer → line mapping.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { canRunContainers, describeMissingEngine, detectEngines, findExecutable } from '../engineDetect';
import { fileTreeItems, TarLister } from '../tarListing';
import { beforeAfterReport, checkProgram, parseConfig } from '../verifyImage';
import { createInvocation, exportInvocation, historyInvocation, instructionsIn, mapLayersToLines, parseHistory, parseSize, sizeInvocation } from '../imageInfo';
import { withDefaults } from '../../../server/src/protocol';
import { formatBytes } from '../../../server/src/protocol';

const probe = (files: string[], pathEnv = '/usr/local/bin:/usr/bin') => ({ pathEnv, platform: 'linux' as const, isExecutable: (f: string) => files.includes(f) });

test('engine detection: the configured engine on PATH, and the known engines found', () => {
  const s = detectEngines('docker', probe(['/usr/bin/docker', '/usr/bin/podman']));
  assert.equal(s.resolved, '/usr/bin/docker');
  assert.deepEqual(s.available.map((e) => e.kind), ['docker', 'podman']);
  assert.equal(canRunContainers(s), true);
});

test('engine detection: none configured found; podman offered in the message', () => {
  const s = detectEngines('docker', probe(['/usr/bin/podman']));
  assert.equal(s.resolved, undefined);
  assert.equal(canRunContainers(s), false);
  assert.match(describeMissingEngine(s), /'docker' .* was not found\. Found on PATH: podman\./);
  const none = detectEngines('', probe([]));
  assert.equal(none.configured, 'docker');
  assert.match(describeMissingEngine(none), /No docker, podman, nerdctl or buildah is on PATH either/);
});

test('engine detection: a path is checked as is; buildah alone cannot open shells', () => {
  assert.equal(findExecutable('/opt/engine/docker', probe(['/opt/engine/docker'])), '/opt/engine/docker');
  assert.equal(findExecutable('/opt/missing', probe([])), undefined);
  const buildah = detectEngines('buildah', probe(['/usr/bin/buildah']));
  assert.equal(buildah.resolved, '/usr/bin/buildah');
  assert.equal(canRunContainers(buildah), false);
  assert.equal(canRunContainers(detectEngines('buildah', probe(['/usr/bin/buildah', '/usr/bin/podman']))), true);
});

test('engine detection on Windows: PATHEXT and ; separators', () => {
  const s = detectEngines('docker', { pathEnv: 'C:\\bin;C:\\tools', platform: 'win32', pathExt: '.EXE;.CMD', isExecutable: (f) => f === 'C:\\tools\\docker.EXE' });
  assert.equal(s.resolved, 'C:\\tools\\docker.EXE');
});

test('tar listing: files, directories, symlinks and a path longer than 100 bytes, fed in odd chunks', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-tar-'));
  const long = path.join('a'.repeat(60), 'b'.repeat(60));
  fs.mkdirSync(path.join(dir, 'root', long), { recursive: true });
  fs.writeFileSync(path.join(dir, 'root', long, 'file.txt'), 'x'.repeat(1500));
  fs.mkdirSync(path.join(dir, 'root', 'bin'));
  fs.writeFileSync(path.join(dir, 'root', 'bin', 'app'), 'hello');
  fs.symlinkSync('/bin/app', path.join(dir, 'root', 'link'));
  for (const format of ['gnu', 'posix']) {
    const tar = spawnSync('tar', [`--format=${format}`, '-C', path.join(dir, 'root'), '-cf', '-', '.'], { maxBuffer: 1 << 24 });
    assert.equal(tar.status, 0, String(tar.stderr));
    const lister = new TarLister();
    for (let at = 0; at < tar.stdout.length; at += 333) lister.push(tar.stdout.subarray(at, at + 333));
    const byPath = new Map(lister.entries.map((e) => [e.path, e]));
    assert.deepEqual(byPath.get(`/${long}/file.txt`), { path: `/${long}/file.txt`, size: 1500, type: 'file' }, format);
    assert.equal(byPath.get('/bin/app')?.size, 5);
    assert.equal(byPath.get('/bin')?.type, 'directory');
    assert.deepEqual(byPath.get('/link'), { path: '/link', size: 0, type: 'symlink', linkTarget: '/bin/app' });
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('file tree items: sorted, indented by depth, sizes on files, link targets on links', () => {
  const items = fileTreeItems([
    { path: '/pinger', size: 2_100_000, type: 'file' },
    { path: '/etc', size: 0, type: 'directory' },
    { path: '/etc/passwd', size: 40, type: 'file' },
    { path: '/etc/localtime', size: 0, type: 'symlink', linkTarget: '/usr/share/zoneinfo/UTC' },
  ]);
  assert.deepEqual(items.map((i) => [i.path, i.description]), [
    ['/etc', ''],
    ['/etc/localtime', '→ /usr/share/zoneinfo/UTC'],
    ['/etc/passwd', '40 B'],
    ['/pinger', '2.1 MB'],
  ]);
  assert.match(items[2].label, /^\u2003\$\(file\) passwd$/);
});

test('image queries: argv only, global flags first; buildah reads through podman', () => {
  const settings = withDefaults({ build: { dockerContext: 'remote' } }).build;
  assert.deepEqual(sizeInvocation({ engine: 'docker', settings, tag: 'app-runtime:dev' }), {
    command: 'docker',
    args: ['--context', 'remote', 'image', 'inspect', '--format', '{{.Size}}', 'app-runtime:dev'],
    env: {},
    tag: 'app-runtime:dev',
  });
  const plain = withDefaults({}).build;
  assert.deepEqual(historyInvocation({ engine: 'buildah', settings: plain, tag: 't:dev' }).command, 'podman');
  assert.deepEqual(createInvocation({ engine: 'docker', settings: plain, tag: 't:dev' }).args, ['create', 't:dev', '/dockerfile-stages-inspect']);
  assert.deepEqual(exportInvocation({ engine: 'podman', settings: plain, tag: 't:dev' }, 'abc123').args, ['export', 'abc123']);
});

test('size and history parsing; layers mapped back to the stage lines', () => {
  assert.equal(parseSize('14203456\n'), 14203456);
  assert.equal(parseSize('garbage'), undefined);
  const text = [
    'FROM golang:1.22 AS build', // 0
    'WORKDIR /src', // 1
    'COPY go.mod go.sum ./', // 2
    'RUN --mount=type=cache,target=/go/pkg/mod \\', // 3
    '    go mod download', // 4
    'COPY . .', // 5
    'RUN go build -o /out/app .', // 6
    '',
    'FROM scratch', // 8
  ].join('\n');
  const instructions = instructionsIn(text, 0, 8);
  assert.deepEqual(instructions.map((i) => [i.line, i.keyword, i.args]), [
    [0, 'FROM', 'golang:1.22 AS build'],
    [1, 'WORKDIR', '/src'],
    [2, 'COPY', 'go.mod go.sum ./'],
    [3, 'RUN', 'go mod download'],
    [5, 'COPY', '. .'],
    [6, 'RUN', 'go build -o /out/app .'],
  ]);
  // What `docker history --no-trunc --human=false --format '{{.Size}}\t{{.CreatedBy}}'` prints for it (BuildKit).
  const history = parseHistory(
    [
      '21000000\tRUN /bin/sh -c go build -o /out/app . # buildkit',
      '3000\tCOPY . . # buildkit',
      '0\tRUN /bin/sh -c go mod download # buildkit',
      '120\tCOPY go.mod go.sum ./ # buildkit',
      '0\tWORKDIR /src',
      '0\t/bin/sh -c #(nop)  CMD ["bash"]',
      '80000000\t/bin/sh -c #(nop) ADD file:abc in / ',
    ].join('\n'),
  );
  const mapped = mapLayersToLines(history, instructions);
  assert.deepEqual(mapped.map((l) => l.line), [6, 5, 3, 2, 1, undefined, undefined]);
  assert.equal(formatBytes(14_203_456), '14.2 MB');
  assert.equal(formatBytes(812_000_000), '812 MB');
  assert.equal(formatBytes(999), '999 B');
});

test('before/after check: the program CMD/ENTRYPOINT starts, found through PATH, WORKDIR and symlinks', () => {
  const files = [
    { path: '/usr/local/bin/server', size: 9_000_000, type: 'file' as const },
    { path: '/bin/sh', size: 0, type: 'symlink' as const, linkTarget: 'busybox' },
    { path: '/bin/busybox', size: 900_000, type: 'file' as const },
    { path: '/usr/local/bin/node', size: 90_000_000, type: 'file' as const },
    { path: '/app/dist/server.js', size: 2_000, type: 'file' as const },
  ];
  assert.deepEqual(checkProgram({ Entrypoint: ['/usr/local/bin/server'], Cmd: ['--listen=:8080'] }, files), {
    command: ['/usr/local/bin/server', '--listen=:8080'],
    files: [{ wanted: '/usr/local/bin/server', found: '/usr/local/bin/server' }],
    ok: true,
  });
  assert.equal(checkProgram({ Cmd: ['server'], Env: ['PATH=/usr/local/bin:/usr/bin'] }, files).ok, true);
  const node = checkProgram({ Cmd: ['node', 'dist/server.js'], WorkingDir: '/app' }, files);
  assert.deepEqual(node.files, [{ wanted: 'node', found: '/usr/local/bin/node' }, { wanted: '/app/dist/server.js', found: '/app/dist/server.js' }]);
  const shellForm = checkProgram({ Cmd: ['/bin/sh', '-c', 'exec cargo run --release'] }, files);
  assert.deepEqual(shellForm.command, ['cargo', 'run', '--release']);
  assert.equal(shellForm.ok, false);
  assert.equal(checkProgram({ Entrypoint: ['/bin/sh'] }, files).files[0].found, '/bin/busybox');
  assert.equal(checkProgram({}, files).ok, false);
  assert.equal(beforeAfterReport(812_000_000, 14_200_000, checkProgram({ Entrypoint: ['/usr/local/bin/server'] }, files)), '812 MB → 14.2 MB; /usr/local/bin/server is in the new image.');
  assert.equal(beforeAfterReport(812_000_000, 14_200_000, shellForm), '812 MB → 14.2 MB; NOT in the new image: cargo (it runs ["cargo","run","--release"]).');
  assert.deepEqual(parseConfig('{"Cmd":["a"],"Entrypoint":null}'), { Cmd: ['a'], Entrypoint: null });
  assert.deepEqual(parseConfig('not json'), {});
});
