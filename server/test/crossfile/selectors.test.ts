/**
 * The client's file patterns (document selector, watchers, activation) and the server's file-name
 * dispatch agree: a file the client sends is one the server reads, and nothing else (minimatch
 * stands in for VS Code's glob matching; both expand braces and `**` alike for these patterns).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minimatch } from 'minimatch';
import { CROSS_FILE_PATTERNS, DOCKERFILE_PATTERN } from '../../src/protocol';
import { crossFileKind, documentKind } from '../../src/service';

const ROOT = join(__dirname, '..', '..', '..');

const PATHS = [
  '/w/compose.yaml',
  '/w/svc/compose.yml',
  '/w/docker-compose.yaml',
  '/w/docker-compose.override.yml',
  '/w/compose.prod.yaml',
  '/w/docker-bake.hcl',
  '/w/docker-bake.json',
  '/w/docker-bake.override.hcl',
  '/w/.github/workflows/ci.yml',
  '/w/.github/workflows/release.yaml',
  '/w/values.yaml',
  '/w/.github/dependabot.yml',
  '/w/my-compose.yaml',
  '/w/terraform/main.tf',
  '/w/package.json',
  '/w/compose.yaml.orig',
];

test('the client sends exactly the files the server reads as Compose, Bake or workflow files', () => {
  for (const p of PATHS) {
    const sent = CROSS_FILE_PATTERNS.some((pattern) => minimatch(p, pattern, { dot: true }));
    assert.equal(sent, crossFileKind(`file://${p}`) !== undefined, p);
  }
});

test('activation: onLanguage:dockerfile plus workspaceContains for every pattern', () => {
  const events: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).activationEvents;
  assert.ok(events.includes('onLanguage:dockerfile'));
  for (const pattern of CROSS_FILE_PATTERNS) {
    const event = `workspaceContains:${pattern.replace(/^\*\*\/\.github/, '.github')}`;
    assert.ok(events.includes(event), `${event} missing`);
  }
  assert.ok(!events.some((e) => e === 'onLanguage:yaml' || e === 'onLanguage:json' || e === '*'), 'never for every YAML/JSON file');
});

test('the Dockerfile watcher pattern covers the names the server reads as Dockerfiles', () => {
  for (const name of ['Dockerfile', 'Containerfile', 'Dockerfile.dev', 'api.Dockerfile', 'web.dockerfile']) {
    assert.ok(minimatch(`/w/x/${name}`, DOCKERFILE_PATTERN), name);
    assert.equal(documentKind(`file:///w/x/${name}`, undefined), 'dockerfile', name);
  }
  assert.equal(documentKind('file:///w/x/compose.yaml', 'yaml'), 'compose');
  assert.equal(documentKind('file:///w/x/notes.yaml', 'yaml'), undefined);
  assert.equal(documentKind('untitled:Untitled-1', 'dockerfile'), 'dockerfile');
});
