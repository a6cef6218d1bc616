import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { join } from 'node:path';
import { resolveBuildContext } from '../src/protocol';
import { assertValidSarif, buildBundles, CLI, ROOT, runCli as run } from './cliHelpers';

before(buildBundles);

function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dfs-cli-'));
  for (const [name, content] of Object.entries(files)) {
    const full = join(dir, name);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

const GOOD = 'FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=build /app /app\nCMD ["/app"]\n';
const TYPO = 'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=biulder /app /app\nCMD ["/app"]\n';
const FORWARD = 'FROM alpine:3.20 AS first\nCOPY --from=second /x /x\n\nFROM alpine:3.20 AS second\nRUN true\n';

test('--version and --help', () => {
  const version = run(['--version'], ROOT);
  assert.equal(version.code, 0);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  const help = run(['--help'], ROOT);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /check \[PATH\|GLOB\|DIR/);
});

test('usage errors exit 2 with a one-line message', () => {
  const r = run(['check', '--format', 'xml'], ROOT);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--format must be one of text, json, sarif, github/);
  assert.equal(run(['frobnicate'], ROOT).code, 2);
  assert.equal(run(['lsp'], ROOT).code, 2);
});

test('a clean Dockerfile exits 0; findings at the fail level exit 1', () => {
  const dir = workspace({ 'Dockerfile': GOOD, '.dockerignore': '.git\n', 'bad/Dockerfile': TYPO, 'bad/.dockerignore': '.git\n' });
  const clean = run(['check', 'Dockerfile'], dir);
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /No problems in 1 file\./);
  const typo = run(['check', 'bad/Dockerfile'], dir);
  assert.equal(typo.code, 1);
  assert.match(typo.stdout, /^bad\/Dockerfile:5:13: warning \[unknown-stage\] .*builder/m);
  assert.match(typo.stdout, /\n  COPY --from=biulder \/app \/app\n {14}\^{7}\n/);
  assert.equal(run(['check', 'bad/Dockerfile', '--fail-level', 'error'], dir).code, 0);
  assert.equal(run(['check', 'bad/Dockerfile', '--ignore', 'unknown-stage'], dir).code, 0);
  assert.equal(run(['check', 'bad/Dockerfile', '--rule', 'unknown-stage=error', '--fail-level', 'error'], dir).code, 1);
});

test('directories are searched (skipping node_modules and .git), globs expand', () => {
  const dir = workspace({
    'svc/Dockerfile': GOOD,
    'svc/api.dockerfile': FORWARD,
    'node_modules/x/Dockerfile': FORWARD,
    '.git/Dockerfile': FORWARD,
    'notes.txt': 'FROM nothing',
  });
  const json = run(['check', '.', '--format', 'json'], dir);
  const findings = JSON.parse(json.stdout) as { file: string; rule: string; severity: string; line: number }[];
  assert.ok(findings.every((f) => f.file === 'svc/api.dockerfile'), json.stdout);
  assert.ok(findings.some((f) => f.rule === 'stage-order' && f.severity === 'error' && f.line === 2));
  const glob = run(['check', 'svc/*.dockerfile', '--format', 'json'], dir);
  assert.ok((JSON.parse(glob.stdout) as { file: string }[]).every((f) => f.file === 'svc/api.dockerfile'));
});

test('bad input: missing file, empty directory, binary, oversized → exit 2 naming the file; others still checked', () => {
  const dir = workspace({
    'Dockerfile': FORWARD,
    'empty/README': 'nothing',
    'bin.dockerfile': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01, 0x02]),
    'huge.dockerfile': 'FROM alpine\n' + 'RUN true\n'.repeat(700_000),
  });
  const r = run(['check', 'Dockerfile', 'missing.dockerfile', 'empty', 'bin.dockerfile', 'huge.dockerfile'], dir);
  assert.equal(r.code, 2);
  const lines = r.stderr.trim().split('\n');
  assert.deepEqual(lines.map((l) => l.split(':')[1].trim()).sort(), ['bin.dockerfile', 'empty', 'huge.dockerfile', 'missing.dockerfile']);
  assert.match(r.stderr, /bin\.dockerfile: binary file/);
  assert.match(r.stderr, /huge\.dockerfile: file is \d+ bytes, over the/);
  assert.match(r.stdout, /\[stage-order\]/, 'the good operand is still checked');
});

test('SARIF output validates against the SARIF 2.1.0 schema and links rule docs', () => {
  const dir = workspace({ 'Dockerfile': TYPO, 'other.dockerfile': FORWARD });
  const r = run(['check', '.', '--format', 'sarif'], dir);
  assert.equal(r.code, 1);
  const log = JSON.parse(r.stdout) as { runs: any[] };
  assertValidSarif(log);
  const run0 = log.runs[0];
  assert.equal(run0.tool.driver.name, 'dockerfile-stages');
  const ids = run0.tool.driver.rules.map((r: { id: string }) => r.id);
  assert.ok(ids.includes('unknown-stage') && ids.includes('stage-order'));
  for (const rule of run0.tool.driver.rules) assert.match(rule.helpUri, /docs\/rules\/[a-z-]+\.md$/);
  for (const result of run0.results) assert.equal(run0.tool.driver.rules[result.ruleIndex].id, result.ruleId);
});

test('github format prints workflow annotations with escaped properties', () => {
  const dir = workspace({ 'Dockerfile': FORWARD });
  const r = run(['check', 'Dockerfile', '--format', 'github'], dir);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^::error file=Dockerfile,line=2,col=13,endLine=2,endColumn=19,title=stage-order::.+$/m);
});

test('graph prints mermaid, dot and json', () => {
  const dir = workspace({ 'Dockerfile': GOOD });
  const mermaid = run(['graph', 'Dockerfile'], dir);
  assert.equal(mermaid.code, 0);
  assert.match(mermaid.stdout, /s0 -->\|COPY --from\| s1/);
  assert.match(run(['graph', 'Dockerfile', '--format', 'dot'], dir).stdout, /^digraph stages \{/);
  const json = JSON.parse(run(['graph', 'Dockerfile', '--format', 'json'], dir).stdout);
  assert.deepEqual(json.longestChain, [0, 1]);
  assert.equal(run(['graph', 'nope'], dir).code, 2);
});

test('lsp --stdio answers initialize and exits on exit', async () => {
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const frame = (s: object) => {
    const body = JSON.stringify(s);
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

test('fix applies the safe fixes in place; --dry-run prints a diff and writes nothing', () => {
  const before = 'ARG VERSION=1.0\nFROM alpine:3.20 as build\nRUN echo $VERSION > /v\n\nFROM alpine:3.20\nCOPY --from=build /v /v\n';
  const dir = workspace({ 'Dockerfile': before });
  const dry = run(['fix', '--dry-run', 'Dockerfile'], dir);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^-FROM alpine:3\.20 as build$/m);
  assert.match(dry.stdout, /^\+FROM alpine:3\.20 AS build$/m);
  assert.match(dry.stdout, /^\+ARG VERSION$/m);
  assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), before);
  assert.equal(run(['check', 'Dockerfile'], dir).code, 1);
  assert.equal(run(['fix', 'Dockerfile'], dir).code, 0);
  assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'ARG VERSION=1.0\nFROM alpine:3.20 AS build\nARG VERSION\nRUN echo $VERSION > /v\n\nFROM alpine:3.20\nCOPY --from=build /v /v\n');
  const after = run(['check', 'Dockerfile'], dir);
  assert.equal(after.code, 0, after.stdout);
  assert.equal(run(['fix'], dir).code, 2);
});

test('settings come from .dockerfile-stages.json or package.json upwards; --target overrides', () => {
  const dir = workspace({
    '.dockerfile-stages.json': JSON.stringify({ rules: { 'unknown-stage': 'off' } }),
    'svc/Dockerfile': TYPO,
    'svc/.dockerignore': '.git\n',
    'web/package.json': JSON.stringify({ name: 'web', dockerfileStages: { rules: { 'unknown-stage': 'error' } } }),
    'web/Dockerfile': TYPO,
    'web/.dockerignore': '.git\n',
  });
  assert.equal(run(['check', 'svc/Dockerfile'], dir).code, 0);
  const web = run(['check', 'web/Dockerfile', '--format', 'json'], dir);
  assert.deepEqual((JSON.parse(web.stdout) as { rule: string; severity: string }[]).map((f) => [f.rule, f.severity]), [['unknown-stage', 'error']]);
  const explicit = run(['check', 'web/Dockerfile', '--config', join(dir, '.dockerfile-stages.json')], dir);
  assert.equal(explicit.code, 0);
  const target = run(['graph', 'svc/Dockerfile', '--format', 'json', '--target', 'builder'], dir);
  assert.deepEqual(JSON.parse(target.stdout).unreachable, [1]);
});

test('build context: the CLI resolves the folder the extension does (the working directory plays the workspace folder)', () => {
  const COPY_ALL = 'FROM alpine:3.20\nCOPY . /src\n';
  const rulesOf = (r: { stdout: string }) => (JSON.parse(r.stdout) as { rule: string }[]).map((f) => f.rule);
  const dir = workspace({ 'docker/app/Dockerfile': COPY_ALL, '.dockerignore': '.git\n' });
  const dockerfile = join(dir, 'docker', 'app', 'Dockerfile');
  // What the extension's tasks use for the same file and folder (client/src/buildTask.ts).
  assert.equal(resolveBuildContext({ dockerfile, workspaceFolder: dir, setting: '', isFile: existsSync }, path), dir);
  assert.deepEqual(rulesOf(run(['check', 'docker/app/Dockerfile', '--format', 'json'], dir)), [], 'the root .dockerignore counts');

  const set = workspace({
    'docker/app/Dockerfile': COPY_ALL,
    'docker/app/.dockerignore': '.git\n',
    '.dockerfile-stages.json': JSON.stringify({ build: { context: '.' } }),
  });
  assert.equal(resolveBuildContext({ dockerfile: join(set, 'docker', 'app', 'Dockerfile'), workspaceFolder: set, setting: '.', isFile: existsSync }, path), set);
  assert.deepEqual(rulesOf(run(['check', 'docker/app/Dockerfile', '--format', 'json'], set)), ['missing-dockerignore'], 'a set context wins over the nearest .dockerignore');
});

test('an unknown --target is a usage error (exit 2) with a did-you-mean, for check, fix and graph', () => {
  const dir = workspace({ 'Dockerfile': 'FROM golang:1.22 AS builder\nRUN true\n\nFROM alpine:3.20 AS release\nCOPY --from=builder /app /app\n', '.dockerignore': '.git\n' });
  for (const args of [['check', 'Dockerfile'], ['fix', '--dry-run', 'Dockerfile'], ['graph', 'Dockerfile']]) {
    const r = run([...args, '--target', 'relase'], dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stderr, "dockerfile-stages: Dockerfile: --target 'relase' names no stage in this file (did you mean 'release'?)\n");
  }
  assert.match(run(['graph', 'Dockerfile', '--target', 'zzz'], dir).stderr, /--target 'zzz' names no stage in this file \(its stages are 'builder', 'release'\)/);
  // BuildKit matches --target case-insensitively.
  const ok = run(['graph', 'Dockerfile', '--target', 'BUILDER', '--format', 'json'], dir);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).target, 0);
});

test('directories and missing files get one clear line each, and no "No problems" summary beside them', () => {
  const dir = workspace({ 'svc/Dockerfile': GOOD });
  const graphDir = run(['graph', 'svc'], dir);
  assert.equal(graphDir.code, 2);
  assert.equal(graphDir.stderr, 'dockerfile-stages: svc: is a directory, not a Dockerfile\n');
  assert.doesNotMatch(graphDir.stderr, /EISDIR/);
  const graphMissing = run(['graph', 'nosuch.Dockerfile'], dir);
  assert.equal(graphMissing.stderr, 'dockerfile-stages: nosuch.Dockerfile: no such file or directory\n');
  const checkMissing = run(['check', 'nosuch.Dockerfile'], dir);
  assert.equal(checkMissing.code, 2);
  assert.equal(checkMissing.stdout, '');
  assert.equal(checkMissing.stderr, 'dockerfile-stages: nosuch.Dockerfile: no such file or directory\n');
});

test('no Dockerfile found is a note with exit 0; --require-files makes it exit 2', () => {
  const dir = workspace({ 'README.md': '# nothing to build here\n' });
  const r = run(['check', '.'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^dockerfile-stages: \.: no Dockerfile found in this directory \(nothing to check; --require-files makes this an error\)\n$/);
  assert.equal(run(['check', '**/*.dockerfile'], dir).code, 0);
  assert.equal(JSON.parse(run(['check', '.', '--format', 'json'], dir).stdout).length, 0);
  const required = run(['check', '.', '--require-files'], dir);
  assert.equal(required.code, 2);
  assert.equal(required.stderr, 'dockerfile-stages: .: no Dockerfile found in this directory\n');
  assert.equal(run(['fix', '.'], dir).code, 0);
  assert.equal(run(['fix', '.', '--require-files'], dir).code, 2);
});

test('globs match Dockerfile names without regard to case', () => {
  const dir = workspace({ 'svc/api.Dockerfile': FORWARD, 'svc/web.dockerfile': GOOD, 'Svc2/x.DOCKERFILE': GOOD });
  const r = run(['check', '**/*.dockerfile', '--format', 'json', '--min-severity', 'error'], dir);
  assert.deepEqual([...new Set((JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file))], ['svc/api.Dockerfile']);
  const text = run(['check', '**/*.dockerfile', '--min-severity', 'error'], dir);
  assert.match(text.stdout, /in 3 files\.\n$/);
  // Directories keep their case: svc/ does not match Svc2/.
  assert.match(run(['check', 'svc/*.dockerfile', '--min-severity', 'error'], dir).stdout, /in 2 files\.\n$/);
});

test('what BuildKit fails to parse is reported by our rules (no second parser, no --base)', () => {
  const dir = workspace({ 'Dockerfile': 'FROM alpine:3.20\nEXPOSE\n' });
  const r = run(['check', 'Dockerfile', '--format', 'json'], dir);
  const findings = JSON.parse(r.stdout) as { rule: string; source: string }[];
  assert.ok(findings.length > 0, r.stdout + r.stderr);
  for (const f of findings) assert.match(f.rule, /^[a-z][a-z-]*$/, JSON.stringify(f));
  assert.ok(findings.some((f) => f.rule === 'missing-arguments' && f.source === 'dockerfile-stages'), r.stdout);
  assert.match(run(['check', 'Dockerfile'], dir).stdout, /^Dockerfile:2:1: error \[missing-arguments\] /m);
  assert.equal(run(['check', 'Dockerfile', '--base'], dir).code, 2, 'the --base flag is gone');
});

test('fix reports what it changed and what remains, and exits 1 while findings at --fail-level remain', () => {
  const text = 'ARG VERSION=1.0\nFROM alpine:3.20 as build\nRUN echo $VERSION > /v\n\nFROM alpine:3.20\nCOPY --from=buidl /v /v\n';
  const dir = workspace({ 'Dockerfile': text, '.dockerignore': '.git\n' });
  const dry = run(['fix', '--dry-run', 'Dockerfile'], dir);
  assert.equal(dry.code, 1);
  assert.match(dry.stdout, /^\+FROM alpine:3\.20 AS build$/m, 'the diff stays on stdout');
  assert.match(dry.stderr, /^Dockerfile: would fix 2 \(from-as-casing, global-arg-not-redeclared\); 1 problem remains\nWould remain:\nDockerfile:7:13: warning \[unknown-stage\] /);
  assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text);
  const real = run(['fix', 'Dockerfile'], dir);
  assert.equal(real.code, 1);
  assert.match(real.stdout, /^Dockerfile: fixed 2 \(from-as-casing, global-arg-not-redeclared\); 1 problem remains\nRemaining:\nDockerfile:7:13: warning \[unknown-stage\] /);
  assert.equal(run(['fix', 'Dockerfile', '--fail-level', 'error'], dir).code, 0);
  const again = run(['fix', 'Dockerfile', '--fail-level', 'error'], dir);
  assert.match(again.stdout, /^Dockerfile: nothing to fix safely; 1 problem remains\n/);
});

test('fix never leaves two stages of one name: Builder beside builder stays as it is', () => {
  const text = 'FROM alpine:3.20 AS Builder\nRUN true\n\nFROM alpine:3.20 AS builder\nRUN true\n\nFROM alpine:3.20\nCOPY --from=builder /x /x\n';
  const dir = workspace({ 'Dockerfile': text, '.dockerignore': '.git\n' });
  const r = run(['fix', 'Dockerfile'], dir);
  assert.equal(r.code, 1, 'duplicate-stage-name errors remain');
  assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text);
  assert.match(r.stdout, /\[duplicate-stage-name\]/);
});
