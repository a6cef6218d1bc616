import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contextFilesFor, fileFactsFor } from '../src/fileFacts';
import { computeCodeActions } from '../src/service/codeActions';
import { buildModel } from '../src/service/model';
import { withDefaults } from '../src/protocol';
import { positionOf } from './helpers';

function project(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'ctx-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

test('context files: reads small files inside the build context only', (t) => {
  const root = project({ 'app/Dockerfile': 'FROM rust:1.80\n', 'app/Cargo.toml': '[package]\nname = "x"\n', 'secret.txt': 'no', 'app/big.bin': 'x'.repeat(300 * 1024) });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const files = contextFilesFor(pathToFileURL(join(root, 'app', 'Dockerfile')).href, withDefaults({}), []);
  assert.ok(files);
  assert.equal(files.read('Cargo.toml'), '[package]\nname = "x"\n');
  assert.equal(files.read('../secret.txt'), undefined, 'outside the context');
  assert.equal(files.read(join(root, 'secret.txt')), undefined, 'absolute path outside the context');
  assert.equal(files.read('big.bin'), undefined, 'over the size cap');
  assert.equal(files.read('missing.toml'), undefined);
  assert.equal(files.read('.'), undefined, 'a folder is not a file');
  assert.equal(contextFilesFor('untitled:Untitled-1', withDefaults({}), []), undefined);
});

test('code actions at a cursor use the build context: binary name from Cargo.toml, Create .dockerignore offered', async (t) => {
  const dockerfile = 'FROM rust:1.80\nWORKDIR /usr/src/app\nCOPY . .\nRUN cargo build --release\nCMD ["./target/release/app"]\n';
  const root = project({ 'Dockerfile': dockerfile, 'Cargo.toml': '[package]\nname = "ripcat"\nversion = "0.1.0"\n' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const uri = pathToFileURL(join(root, 'Dockerfile')).href;
  const settings = withDefaults({});
  const model = buildModel(dockerfile, uri, 1);
  const cursor = positionOf(dockerfile, 'cargo build');
  const files = await fileFactsFor(uri, settings, []);
  const actions = computeCodeActions(model, { start: cursor, end: cursor }, [], undefined, settings, files, contextFilesFor(uri, settings, []));
  const titles = actions.map((a) => a.title);
  assert.ok(titles.includes('Extract builder stage (Rust: /usr/src/app/target/release/ripcat)'), titles.join('\n'));
  const atCopy = positionOf(dockerfile, 'COPY . .');
  const copyActions = computeCodeActions(model, { start: atCopy, end: atCopy }, [], undefined, settings, files, contextFilesFor(uri, settings, []));
  const create = copyActions.find((a) => /^Create \.dockerignore/.test(a.title));
  assert.ok(create, copyActions.map((a) => a.title).join('\n'));
  assert.ok(JSON.stringify(create.edit).includes('target'), 'fits the Rust ecosystem');
});
