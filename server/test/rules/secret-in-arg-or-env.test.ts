import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, assertSays, diagnosticsOf, fmt, rangeOf } from './ruleTestKit';
import { looksSecret } from '../../src/service/rules/secret-in-arg-or-env';

const text = 'FROM node:20-slim\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci\n';

test('secret-in-arg-or-env: an ARG or ENV named like a secret, in a stage the target needs', () => {
  const [d] = diagnosticsOf('secret-in-arg-or-env', text);
  assert.equal(fmt(d.range), fmt(rangeOf(text, 'NPM_TOKEN')));
  assert.equal(d.severity, 2);
  assertSays(d, 'secret', { name: 'NPM_TOKEN', keyword: 'ARG', id: 'npm_token', stage: 0, line: 1 });
  assert.equal(diagnosticsOf('secret-in-arg-or-env', 'FROM alpine\nENV DB_PASSWORD=x API_KEY=y\n').length, 2);
});

test('secret-in-arg-or-env: names are read like BuildKit reads them, minus pointers and public keys', () => {
  for (const n of ['AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'PASSWORD', 'api_key', 'AUTH', 'DB_PASSWD', 'APIKEY']) assert.ok(looksSecret(n), n);
  for (const n of ['PUBLIC_KEY', 'KEYBOARD', 'TOKENIZER', 'GPG_KEY', 'SECRET_FILE', 'TOKEN_URL', 'AUTHOR', 'NODE_VERSION']) assert.ok(!looksSecret(n), n);
});

test('secret-in-arg-or-env: stages the target does not need are silent', () => {
  assertClean('FROM alpine AS publish\nARG NPM_TOKEN\nFROM alpine\nRUN true\n', ['secret-in-arg-or-env']);
});

test('secret-in-arg-or-env: the fix turns the ARG into a secret mount on the RUNs that read it', () => {
  const fixed = applyFix('secret-in-arg-or-env', text);
  assert.equal(fixed, 'FROM node:20-slim\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci\n');
  assertClean(fixed);
});
