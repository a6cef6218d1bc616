/**
 * The CLI as users install it: `npm pack` here, `npm install -g <tarball>` into an empty prefix with
 * an empty cache and npm offline (so the tarball must need nothing else), then the installed `bin`
 * runs check, fix --dry-run, graph and lsp --stdio from a folder outside this checkout.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'dfs-pack-'));
const prefix = join(scratch, 'prefix');
const env = {
  ...process.env,
  PATH: [join(prefix, 'bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter),
  npm_config_prefix: prefix,
  npm_config_cache: join(scratch, 'cache'),
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};
let packed: { filename: string; files: { path: string }[] };

before(() => {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  // --ignore-scripts: prepack would rebuild in production mode under the other test files' feet; built just above.
  const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: ROOT, encoding: 'utf8', env, timeout: 120_000 });
  assert.equal(pack.status, 0, pack.stderr);
  packed = JSON.parse(pack.stdout)[0];
  const install = spawnSync('npm', ['install', '--global', join(scratch, packed.filename)], { cwd: scratch, encoding: 'utf8', env, timeout: 120_000 });
  assert.equal(install.status, 0, install.stdout + install.stderr);
});

function cli(args: string[], cwd: string) {
  const r = spawnSync('dockerfile-stages', args, { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

function project(): string {
  const dir = mkdtempSync(join(scratch, 'project-'));
  writeFileSync(join(dir, 'Dockerfile'), 'ARG VERSION=1\nFROM golang:1.22 as build\nRUN echo $VERSION > /v\n\nFROM alpine:3.20\nCOPY --from=buidl /v /v\n');
  writeFileSync(join(dir, '.dockerignore'), '.git\n');
  return dir;
}

test('the package holds only the bundled CLI (its loader and bundle, and the wasm files it loads for Bake HCL) and has no runtime dependencies', () => {
  assert.deepEqual(packed.files.map((f) => f.path).sort(), [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'package.json',
    'server/dist/cli.js',
    'server/dist/cliMain.js',
    'server/dist/tree-sitter-hcl.wasm',
    'server/dist/tree-sitter.wasm',
  ]);
  assert.deepEqual(manifest.dependencies ?? {}, {});
  assert.equal(manifest.bin['dockerfile-stages'], './server/dist/cli.js');
  assert.equal(manifest.engines.node, '>=20.6.0');
  const [major, minor] = process.versions.node.split('.').map(Number);
  assert.ok(major > 20 || (major === 20 && minor >= 6), 'this suite itself runs on what engines.node promises');
});

test('the installed bin lives in the prefix, outside this checkout', () => {
  assert.ok(existsSync(join(prefix, 'bin', 'dockerfile-stages')));
  assert.ok(existsSync(join(prefix, 'lib', 'node_modules', 'dockerfile-stages', 'server', 'dist', 'cli.js')));
  assert.ok(!existsSync(join(prefix, 'lib', 'node_modules', 'dockerfile-stages', 'node_modules')), 'nothing installed beside it');
  const version = cli(['--version'], scratch);
  assert.equal(version.error, undefined);
  assert.equal(version.stdout.trim(), manifest.version);
});

test('installed: check finds the mistyped stage', () => {
  const r = cli(['check', '.', '--format', 'json'], project());
  assert.equal(r.code, 1, r.stderr);
  const rules = (JSON.parse(r.stdout) as { rule: string; line: number }[]).map((f) => `${f.rule}:${f.line}`).sort();
  assert.deepEqual(rules, ['from-as-casing:2', 'global-arg-not-redeclared:3', 'unknown-stage:6']);
});

test('installed: check reads docker-bake.hcl with the packaged HCL grammar', () => {
  const dir = project();
  writeFileSync(join(dir, 'docker-bake.hcl'), 'target "app" {\n  context = "."\n  target  = "buidl"\n}\n');
  const r = cli(['check', 'docker-bake.hcl', '--format', 'json'], dir);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stderr, '');
  assert.deepEqual((JSON.parse(r.stdout) as { file: string; rule: string; line: number }[]).map((f) => `${f.file}:${f.rule}:${f.line}`), ['docker-bake.hcl:unknown-build-target:3']);
});

test('installed: fix --dry-run prints the diff and writes nothing', () => {
  const dir = project();
  const before = readFileSync(join(dir, 'Dockerfile'), 'utf8');
  const r = cli(['fix', '--dry-run', 'Dockerfile'], dir);
  assert.equal(r.code, 1, 'the mistyped stage remains');
  assert.match(r.stdout, /^\+FROM golang:1\.22 AS build$/m);
  assert.match(r.stderr, /^Dockerfile: would fix 2 /);
  assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), before);
});

test('installed: graph prints the stage graph', () => {
  const r = cli(['graph', 'Dockerfile', '--format', 'json'], project());
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).target, 1);
});

test('installed: lsp --stdio answers initialize and exits on exit', async () => {
  const child = spawn('dockerfile-stages', ['lsp', '--stdio'], { env, cwd: scratch, stdio: ['pipe', 'pipe', 'inherit'] });
  const frame = (message: object) => {
    const body = JSON.stringify(message);
    return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  };
  let out = '';
  const answered = new Promise<void>((resolve) => child.stdout.on('data', (d) => (out += d) && out.includes('"id":1') && resolve()));
  child.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
  await answered;
  assert.match(out, /"definitionProvider":true/);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
  child.stdin.write(frame({ jsonrpc: '2.0', method: 'exit' }));
  assert.equal(await exited, 0);
});
