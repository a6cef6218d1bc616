import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, assertSays, diagnosticsOf, fixesOf, fmt, rangeOf } from './ruleTestKit';

const text = 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n';

test('copy-context-before-deps: COPY . before the dependency install', () => {
  const [d] = diagnosticsOf('copy-context-before-deps', text);
  assert.equal(fmt(d.range), '2:5-2:6');
  assert.equal(d.severity, 3);
  assertSays(d, 'beforeInstall', { install: 'npm ci', line: 4 });
  assert.deepEqual(d.relatedInformation?.map((r) => r.location.range.start.line), [3]);
  for (const install of ['pip install -r requirements.txt', 'go mod download', 'cargo build --release', 'bundle install', 'composer install', 'poetry install', 'uv sync', 'yarn', 'pnpm install --frozen-lockfile', 'mvn -B dependency:go-offline', 'dotnet restore']) {
    assert.equal(diagnosticsOf('copy-context-before-deps', `FROM x\nCOPY . .\nRUN ${install}\n`).length, 1, install);
  }
});

test('copy-context-before-deps: manifests first, installs in a parent stage, tool installs and later builds are fine', () => {
  const cases = [
    'FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build',
    'FROM golang AS deps\nCOPY go.mod go.sum ./\nRUN go mod download\nFROM deps\nCOPY . .\nRUN go build ./...',
    'FROM node:20\nCOPY . .\nRUN npm install -g pnpm',
    'FROM rust AS chef\nCOPY . .\nRUN cargo chef prepare --recipe-path recipe.json',
    'FROM python\nCOPY . .\nRUN pip install .',
    'FROM node:20\nCOPY --from=deps . .\nRUN npm ci',
  ];
  for (const c of cases) assertClean(c + '\n', ['copy-context-before-deps']);
});

test('copy-context-before-deps: the fix copies the manifests first; the result is clean', () => {
  assert.deepEqual(fixesOf('copy-context-before-deps', text).map((f) => f.title), ['Copy the dependency manifests first']);
  const fixed = applyFix('copy-context-before-deps', text);
  assert.match(fixed, /COPY package\.json/);
  assert.deepEqual(diagnosticsOf('copy-context-before-deps', fixed), []);
  assertClean(fixed);
});
