/**
 * The one build-context rule (protocol.ts `resolveBuildContext`) the server, the client's tasks and the
 * CLI all call. The server and CLI sides on real folders: test/rules/fileFacts.test.ts, cli.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { resolveBuildContext, type BuildContextInput } from '../src/protocol';

const resolve = (input: BuildContextInput) => resolveBuildContext(input, path.posix);
const ws = '/w';
const df = '/w/docker/app/Dockerfile';
const none = () => false;
const only = (...files: string[]) => (f: string) => files.includes(f);

test('empty setting: the nearest folder up to the workspace folder holding a .dockerignore, else the Dockerfile folder', () => {
  assert.equal(resolve({ dockerfile: df, workspaceFolder: ws, setting: '', isFile: none }), '/w/docker/app');
  assert.equal(resolve({ dockerfile: df, workspaceFolder: ws, setting: '', isFile: only('/w/.dockerignore') }), '/w');
  assert.equal(resolve({ dockerfile: df, workspaceFolder: ws, setting: '', isFile: only('/w/docker/.dockerignore', '/w/.dockerignore') }), '/w/docker');
  assert.equal(resolve({ dockerfile: df, workspaceFolder: ws, setting: '', isFile: only('/w/.dockerignore', '/w/docker/app/.dockerignore') }), '/w/docker/app');
  assert.equal(resolve({ dockerfile: df, workspaceFolder: ws, setting: '   ', isFile: only('/w/.dockerignore') }), '/w', 'blank is empty');
});

test('empty setting: the search stops at the workspace folder and never starts outside it', () => {
  assert.equal(resolve({ dockerfile: df, workspaceFolder: '/w/docker', setting: '', isFile: only('/w/.dockerignore') }), '/w/docker/app');
  assert.equal(resolve({ dockerfile: df, workspaceFolder: '/elsewhere', setting: '', isFile: () => true }), '/w/docker/app');
  assert.equal(resolve({ dockerfile: df, workspaceFolder: '/w/doc', setting: '', isFile: () => true }), '/w/docker/app', 'a sibling with a common prefix is not a parent');
  assert.equal(resolve({ dockerfile: df, setting: '', isFile: () => true }), '/w/docker/app', 'no workspace folder: the Dockerfile folder');
  assert.equal(resolve({ dockerfile: '/x/.dockerignore-parent/Dockerfile', workspaceFolder: '/', setting: '', isFile: only('/.dockerignore') }), '/');
  assert.equal(resolve({ dockerfile: '/w/..x/Dockerfile', workspaceFolder: ws, setting: '', isFile: only('/w/.dockerignore') }), '/w', "a folder named '..x' is inside");
});

test('a Dockerfile-specific <Dockerfile>.dockerignore does not mark a context', () => {
  assert.equal(resolve({ dockerfile: df, workspaceFolder: ws, setting: '', isFile: only('/w/docker/app/Dockerfile.dockerignore', '/w/.dockerignore') }), '/w');
});

test('a set context: absolute as is; relative to the workspace folder, else to the Dockerfile folder', () => {
  assert.equal(resolve({ dockerfile: df, workspaceFolder: ws, setting: '.', isFile: none }), '/w');
  assert.equal(resolve({ dockerfile: df, workspaceFolder: ws, setting: 'docker', isFile: none }), '/w/docker');
  assert.equal(resolve({ dockerfile: df, workspaceFolder: ws, setting: '/abs/ctx', isFile: none }), '/abs/ctx');
  assert.equal(resolve({ dockerfile: df, workspaceFolder: ws, setting: '.', isFile: only('/w/docker/app/.dockerignore') }), '/w', 'the setting wins over a .dockerignore');
  assert.equal(resolve({ dockerfile: df, setting: '..', isFile: none }), '/w/docker');
});

test('Windows paths through path.win32', () => {
  const win = (input: BuildContextInput) => resolveBuildContext(input, path.win32);
  const isFile = only('C:\\repo\\.dockerignore');
  assert.equal(win({ dockerfile: 'C:\\repo\\docker\\app\\Dockerfile', workspaceFolder: 'C:\\repo', setting: '', isFile }), 'C:\\repo');
  assert.equal(win({ dockerfile: 'D:\\other\\Dockerfile', workspaceFolder: 'C:\\repo', setting: '', isFile: () => true }), 'D:\\other');
});
