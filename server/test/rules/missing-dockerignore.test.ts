import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, assertSays, diagnosticsOf, fixesOf, fmt } from './ruleTestKit';

const text = 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json ./\nCOPY . .\n';
const files = { dockerignoreExists: false, dockerignoreUri: 'file:///work/app/.dockerignore' };

test('missing-dockerignore: COPY . with no .dockerignore in the context', () => {
  const [d, ...rest] = diagnosticsOf('missing-dockerignore', text + 'ADD . /src\n', { files });
  assert.equal(rest.length, 0, 'reported once per file');
  assert.equal(fmt(d.range), '3:5-3:6');
  assert.equal(d.severity, 3);
  assertSays(d, 'noDockerignore', { keyword: 'COPY', uri: files.dockerignoreUri });
});

test('missing-dockerignore: silent with a .dockerignore, when unknown, or without COPY .', () => {
  assertClean(text, ['missing-dockerignore'], { files: { dockerignoreExists: true } });
  assertClean(text, ['missing-dockerignore'], { files: {} });
  assertClean('FROM alpine\nCOPY src/ /src/\nCOPY --from=build . .\n', ['missing-dockerignore'], { files });
});

test('missing-dockerignore: the fix creates a .dockerignore for the ecosystem', () => {
  const [fix] = fixesOf('missing-dockerignore', text, { files });
  assert.equal(fix.title, 'Create a .dockerignore');
  const changes = fix.edit?.documentChanges ?? [];
  assert.ok(changes.some((c) => 'kind' in c && c.kind === 'create' && c.uri === files.dockerignoreUri));
  const content = changes.flatMap((c) => ('textDocument' in c && c.textDocument.uri === files.dockerignoreUri ? c.edits.map((e) => e.newText) : [])).join('');
  assert.match(content, /node_modules/);
  assert.match(content, /\.git/);
  assertClean(text, ['missing-dockerignore'], { files: { dockerignoreExists: true } });
});
