/**
 * A second, real editor: Debian's Neovim (0.7) runs headless with the README's Neovim snippet as
 * its init.lua (taken from the README, unmodified) and our CLI on PATH as `dockerfile-stages`.
 * steps.lua then uses Neovim's own LSP client as a user would: go to definition, diagnostics,
 * a code action, rename; it writes what it saw to JSON.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'server', 'dist', 'cli.js');

const DOCKERFILE = [
  'FROM golang:1.22 AS builder',
  'RUN go build -o /app .',
  '',
  'FROM alpine:3.20 AS test',
  'COPY --from=builder /app /app',
  '',
  'FROM alpine:3.20',
  'COPY --from=biulder /app /app',
  'RUN --mount=type=cache,from=builder,target=/cache true',
  'COPY --from=0 /app /app0',
  'CMD ["/app"]',
  '',
].join('\n');

/** The README's Neovim 0.7 snippet, exactly as users copy it. */
export function readmeNeovimSnippet(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = /```lua\n(-- Neovim 0\.7[^\n]*\n[\s\S]*?)```/.exec(readme);
  assert.ok(m, 'README.md has a ```lua block starting with "-- Neovim 0.7"');
  return m[1];
}

interface Results {
  ok: boolean;
  error?: string;
  steps: string[];
  client?: string;
  diagnostics?: { line: number; col: number; code: string; source: string; message: string }[];
  definition?: { line: number; col: number };
  code_actions?: string[];
  after_code_action?: string[];
  diagnostics_after_fix?: { code: string }[];
  after_rename?: string[];
}

let results: Results;
let stderr = '';

before(() => {
  const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, 'Neovim is installed (scripts/setup-system.sh installs Debian\'s neovim)');
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);

  const scratch = mkdtempSync(join(tmpdir(), 'dfs-nvim-'));
  const bin = join(scratch, 'bin');
  const project = join(scratch, 'project');
  mkdirSync(bin);
  mkdirSync(project);
  writeFileSync(join(bin, 'dockerfile-stages'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
  chmodSync(join(bin, 'dockerfile-stages'), 0o755);
  writeFileSync(join(scratch, 'init.lua'), readmeNeovimSnippet());
  writeFileSync(join(project, 'Dockerfile'), DOCKERFILE);
  writeFileSync(join(project, '.dockerignore'), '.git\n');
  const out = join(scratch, 'results.json');
  const xdg = (name: string) => join(scratch, 'xdg', name);
  const r = spawnSync('nvim', ['--headless', '-i', 'NONE', '-n', '-u', join(scratch, 'init.lua'), '-c', `luafile ${join(__dirname, 'neovim', 'steps.lua')}`, 'Dockerfile'], {
    cwd: project,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      PATH: [bin, dirname(process.execPath), process.env.PATH].join(delimiter),
      DFS_NVIM_RESULTS: out,
      XDG_CONFIG_HOME: xdg('config'),
      XDG_DATA_HOME: xdg('data'),
      XDG_STATE_HOME: xdg('state'),
      XDG_CACHE_HOME: xdg('cache'),
    },
  });
  stderr = `${r.stdout}${r.stderr}`;
  results = JSON.parse(readFileSync(out, 'utf8'));
});

test('neovim: the README snippet starts the server and attaches it to the Dockerfile', () => {
  assert.equal(results.error, undefined, results.error + stderr);
  assert.equal(results.ok, true);
  assert.equal(results.client, 'dockerfile-stages');
  assert.deepEqual(results.steps, ['attach', 'diagnostics', 'definition', 'code action', 'rename']);
});

test('neovim: diagnostics arrive with their rule ids', () => {
  const typo = results.diagnostics!.find((d) => d.code === 'unknown-stage');
  assert.ok(typo, JSON.stringify(results.diagnostics));
  assert.deepEqual([typo.line, typo.col], [7, 12]);
  // The snippet's settings reach the server (workspace/configuration): numeric-stage-reference is off.
  assert.ok(!results.diagnostics!.some((d) => d.code === 'numeric-stage-reference'), JSON.stringify(results.diagnostics));
});

test('neovim: go to definition lands on the stage name', () => {
  assert.deepEqual(results.definition, { line: 0, col: DOCKERFILE.indexOf('builder') });
});

test('neovim: the quick fix applies', () => {
  assert.ok(results.code_actions!.includes("Change to 'builder'"), JSON.stringify(results.code_actions));
  assert.equal(results.after_code_action![7], 'COPY --from=builder /app /app');
  assert.ok(!results.diagnostics_after_fix!.some((d) => d.code === 'unknown-stage'), JSON.stringify(results.diagnostics_after_fix));
});

test('neovim: rename changes the stage and every reference', () => {
  assert.deepEqual(results.after_rename, [
    'FROM golang:1.22 AS compile',
    'RUN go build -o /app .',
    '',
    'FROM alpine:3.20 AS test',
    'COPY --from=compile /app /app',
    '',
    'FROM alpine:3.20',
    'COPY --from=compile /app /app',
    'RUN --mount=type=cache,from=compile,target=/cache true',
    'COPY --from=0 /app /app0',
    'CMD ["/app"]',
  ]);
});
