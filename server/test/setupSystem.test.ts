/**
 * scripts/setup-system.sh decides what to install from dpkg and the engine already present. Run
 * with stand-ins for dpkg-query, dockerd and id (a non-root user, so it only lists what is missing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'setup-system.sh');
const ALL = ['busybox-static', 'podman', 'buildah', 'chromium', 'neovim', 'libkrb5-dev', 'g++', 'make', 'python3', 'git'];

function missingWith(installed: string[], dockerd: boolean): string[] {
  const bin = mkdtempSync(join(tmpdir(), 'dfs-setup-'));
  const tool = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  tool('dpkg-query', `for p in ${installed.map((p) => `'${p}'`).join(' ')}; do [ "$p" = "$3" ] && { printf 'install ok installed'; exit 0; }; done; exit 1`);
  tool('id', 'echo 1000');
  if (dockerd) tool('dockerd', 'echo "Docker version 27.0.0, build 0000000"');
  // Only the stand-ins and grep on PATH: this machine's own dockerd must not count.
  const grep = spawnSync('/bin/sh', ['-c', 'command -v grep'], { encoding: 'utf8' }).stdout.trim();
  symlinkSync(grep, join(bin, 'grep'));
  const r = spawnSync('/bin/bash', [SCRIPT], { encoding: 'utf8', env: { PATH: bin } });
  if (r.status === 0) return [];
  const m = /missing Debian packages: (.*) \(run as root/.exec(r.stderr);
  assert.ok(m, r.stderr);
  return m[1].split(' ');
}

test('setup-system: only what is missing is installed', () => {
  assert.deepEqual(missingWith([...ALL, 'docker.io'], false), []);
  assert.deepEqual(missingWith(['docker.io', ...ALL.filter((p) => p !== 'neovim')], false), ['neovim']);
});

test('setup-system: Debian docker.io on a fresh machine, never beside Docker CE or another working dockerd', () => {
  assert.deepEqual(missingWith(ALL, false), ['docker.io']);
  assert.deepEqual(missingWith([...ALL, 'docker-ce'], false), []);
  assert.deepEqual(missingWith(ALL, true), []);
});
