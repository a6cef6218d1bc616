/** Which refactors are offered where, what they refuse, and that none ever throws or breaks references. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Position } from 'vscode-languageserver-types';
import { buildModel, type StageModel } from '../../src/service/model';
import { createDockerignore } from '../../src/service/refactors/createDockerignore';
import { extractBuilderStage } from '../../src/service/refactors/extractBuilderStage';
import { extractCommonBase } from '../../src/service/refactors/extractCommonBase';
import { inlineStage } from '../../src/service/refactors/inlineStage';
import { moveManifestsBeforeCopy } from '../../src/service/refactors/moveManifestsBeforeCopy';
import { nameStage } from '../../src/service/refactors/nameStage';
import { refactorActions, refactors } from '../../src/service/refactors/registry';
import { removeStage } from '../../src/service/refactors/removeStage';
import { splitStage } from '../../src/service/refactors/splitStage';
import { unifyStageSpelling } from '../../src/service/refactors/unifyStageSpelling';
import { withDefaults } from '../../src/protocol';
import { listFixtures, readFixture } from '../helpers';
import { caseDirs, readCase } from './goldenCases';
import { applyToText } from './workspaceEdit';

const URI = 'file:///w/Dockerfile';
const df = (...lines: string[]) => lines.join('\n') + '\n';
const settings = withDefaults({});
const files = { dockerignoreExists: false, dockerignoreUri: 'file:///w/.dockerignore' };

function offeredAt(text: string, pos: Position): string[] {
  return refactorActions({ model: buildModel(text, URI, 1), range: { start: pos, end: pos }, settings, files }).map((a) => a.title);
}

function apply(model: StageModel, action: CodeAction | undefined): string {
  assert.ok(action?.edit, 'an action with an edit');
  return applyToText(model.uri, model.document.getText(), model.version, action.edit);
}

const broken = (text: string) => buildModel(text).references.filter((r) => r.resolution.kind === 'forward' || r.resolution.kind === 'index-out-of-range').length;

test('every refactor module is registered once, by its id', () => {
  const ids = refactors.map((r) => r.id);
  assert.deepEqual([...new Set(ids)], ids);
  assert.deepEqual([...ids].sort(), ['createDockerignore', 'extractBuilderStage', 'extractCommonBase', 'inlineStage', 'moveManifestsBeforeCopy', 'nameStage', 'removeStage', 'splitStage', 'unifyStageSpelling']);
});

test('every refactor describes itself: a title, and only actions of its own kind, on every fixture line', () => {
  for (const r of refactors) assert.ok(r.title.length > 0 && r.kind.startsWith('refactor'), r.id);
  const texts = [...listFixtures().map(readFixture), ...caseDirs().map((d) => readCase(d).before)];
  const seen = new Set<string>();
  for (const text of texts) {
    const model = buildModel(text, URI, 1);
    for (let line = 0; line < model.document.lineCount; line++) {
      for (const r of refactors) {
        for (const action of r.actions({ model, range: { start: { line, character: 0 }, end: { line, character: 0 } }, settings, files })) {
          assert.equal(action.kind, r.kind, `${r.id}: '${action.title}'`);
          seen.add(r.id);
        }
      }
    }
  }
  // unifyStageSpelling needs the cursor on a name, never at a line start.
  assert.deepEqual([...seen].sort(), refactors.map((r) => r.id).filter((id) => id !== 'unifyStageSpelling').sort(), 'a refactor never offered on the fixtures');
});

test('offers follow the cursor', () => {
  const text = df('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /app .', 'FROM alpine:3.20 AS lint', 'RUN true', 'FROM golang:1.22', 'COPY --from=0 /app /app', 'RUN go build -o /b .', 'CMD ["/b"]');
  const onFirstFrom = offeredAt(text, { line: 0, character: 2 });
  assert.ok(onFirstFrom.includes("Name stage 0 'build' and use it in --from=0"), onFirstFrom.join(' | '));
  assert.ok(!onFirstFrom.some((t) => t.startsWith('Extract builder stage')), 'only the last stage is extracted');
  assert.ok(offeredAt(text, { line: 4, character: 0 }).includes("Remove unused stage 'lint'"));
  assert.ok(offeredAt(text, { line: 7, character: 13 }).some((t) => t.startsWith('Name stage 0')), 'on a numeric --from');
  assert.ok(offeredAt(text, { line: 8, character: 0 }).some((t) => t.startsWith('Extract builder stage (Go: /b)')));
  assert.ok(offeredAt(text, { line: 3, character: 0 }).some((t) => t.startsWith('Split stage 0 before line 4')));
  assert.ok(!offeredAt(text, { line: 1, character: 0 }).some((t) => t.startsWith('Split')), 'not before the first instruction');
  assert.ok(offeredAt(text, { line: 2, character: 0 }).some((t) => t.startsWith('Create .dockerignore')), 'on a COPY when there is none');
});

test('name stage: refuses invalid, taken and image-shadowing names; picks a free default', () => {
  const text = df('FROM golang:1.22', 'RUN go build -o /app .', 'FROM alpine AS build', 'FROM node', 'COPY --from=0 /app /app');
  const model = buildModel(text);
  assert.equal(nameStage(model, 0, 'Bad Name'), undefined);
  assert.equal(nameStage(model, 0, 'build'), undefined, 'taken');
  assert.equal(nameStage(model, 0, 'node'), undefined, 'a later FROM node would mean the stage');
  assert.equal(nameStage(model, 0, 'scratch'), undefined, 'reserved');
  assert.match(apply(model, nameStage(model, 0)), /^FROM golang:1\.22 AS build-2\n/);
  assert.equal(nameStage(model, 1), undefined, 'a named stage without numeric references has nothing to do');
  // A named stage renamed through rename.ts, numeric references included.
  const named = buildModel(df('FROM a AS one', 'FROM b', 'COPY --from=one /x /x', 'COPY --from=0 /y /y'));
  assert.equal(apply(named, nameStage(named, 0, 'two')), df('FROM a AS two', 'FROM b', 'COPY --from=two /x /x', 'COPY --from=two /y /y'));
});

test('remove stage: never the last stage, nor one something uses (also through an ARG-selected FROM)', () => {
  const viaArg = buildModel(df('ARG FLAVOR=alpine', 'FROM alpine AS base-alpine', 'FROM debian AS base-debian', 'FROM base-${FLAVOR}', 'RUN true'));
  assert.equal(removeStage(viaArg, 1), undefined, 'base-debian can be picked with --build-arg FLAVOR=debian');
  const used = buildModel(df('FROM a AS x', 'FROM b AS y', 'COPY --from=x / /', 'FROM c'));
  assert.equal(removeStage(used, 0), undefined);
  assert.equal(removeStage(used, 2), undefined);
  assert.equal(apply(used, removeStage(used, 1)), df('FROM a AS x', 'FROM c'));
});

test('inline stage: only a stage used just as one FROM, without leaking its ARGs', () => {
  const copied = buildModel(df('FROM a AS t', 'RUN x', 'FROM t AS u', 'COPY --from=t / /', 'FROM z'));
  assert.equal(inlineStage(copied, 0), undefined);
  const args = buildModel(df('FROM a AS t', 'ARG V=1', 'FROM t AS u', 'RUN echo $V', 'FROM z'));
  assert.equal(inlineStage(args, 0), undefined, 'u would see V=1');
  const plain = buildModel(df('FROM --platform=$BUILDPLATFORM a:1 AS t', 'RUN x', 'FROM t AS u', 'RUN y', 'FROM z', 'COPY --from=1 / /'));
  assert.equal(apply(plain, inlineStage(plain, 0)), df('FROM --platform=$BUILDPLATFORM a:1 AS u', 'RUN x', 'RUN y', 'FROM z', 'COPY --from=0 / /'));
});

test('split stage: renumbers numeric references and declares the used ARGs again', () => {
  const model = buildModel(df('FROM a', 'ARG V=1', 'RUN one', 'RUN two $V', 'FROM b', 'COPY --from=0 /x /x'));
  assert.equal(apply(model, splitStage(model, 0, 2, 'first')), df('FROM a AS first', 'ARG V=1', 'RUN one', '', 'FROM first', 'ARG V=1', 'RUN two $V', 'FROM b', 'COPY --from=1 /x /x'));
  assert.equal(splitStage(model, 0, 0), undefined);
  assert.equal(splitStage(model, 0, 3), undefined, 'past the last instruction');
});

test('extract common base: needs a shared first instruction; stops at stage ARGs; keeps each stage one of its own', () => {
  assert.equal(extractCommonBase(buildModel(df('FROM a AS x', 'RUN one', 'FROM a AS y', 'RUN two')), 0), undefined);
  const model = buildModel(df('FROM a AS x', 'RUN one', 'ARG V', 'RUN x', 'FROM a AS y', 'RUN one', 'ARG V', 'RUN y'));
  assert.equal(apply(model, extractCommonBase(model, 1)), df('FROM a AS base', 'RUN one', '', 'FROM base AS x', 'ARG V', 'RUN x', 'FROM base AS y', 'ARG V', 'RUN y'));
  const same = buildModel(df('FROM a AS x', 'RUN one', 'FROM a AS y', 'RUN one'));
  assert.equal(extractCommonBase(same, 0), undefined, 'nothing would be left of the stages');
});

test('move manifests: not when the install needs the sources or WORKDIR changes in between', () => {
  assert.equal(moveManifestsBeforeCopy(buildModel(df('FROM python', 'COPY . .', 'RUN pip install .')), 0), undefined);
  assert.equal(moveManifestsBeforeCopy(buildModel(df('FROM node', 'COPY . .', 'WORKDIR /x', 'RUN npm ci')), 0), undefined);
  assert.equal(moveManifestsBeforeCopy(buildModel(df('FROM node', 'COPY package.json ./', 'RUN npm ci', 'COPY . .')), 0), undefined);
  const crlf = buildModel('FROM golang\r\nWORKDIR /s\r\nCOPY . .\r\nRUN go mod download\r\n');
  assert.equal(apply(crlf, moveManifestsBeforeCopy(crlf, 0)), 'FROM golang\r\nWORKDIR /s\r\nCOPY go.mod go.sum ./\r\nRUN go mod download\r\nCOPY . .\r\n');
});

test('move manifests: a Node project with workspaces copies each workspace package.json first, or nothing is offered', () => {
  const tree: Record<string, string> = { 'package.json': '{"workspaces": ["apps/*", "libs/util"]}', 'apps/web/package.json': '{}', 'libs/util/package.json': '{}', 'pnpm-workspace.yaml': 'packages:\n  - "apps/*"\n  - libs/util\n' };
  const listing: Record<string, string[]> = { 'apps/': ['web/', 'README.md'] };
  const listed = { read: (p: string) => tree[p], list: (d: string) => listing[d] };
  const model = buildModel(df('FROM node', 'WORKDIR /w', 'COPY . .', 'RUN npm ci'));
  assert.equal(apply(model, moveManifestsBeforeCopy(model, 0, listed)), df('FROM node', 'WORKDIR /w', 'COPY package.json package-lock.json ./', 'COPY apps/web/package.json ./apps/web/', 'COPY libs/util/package.json ./libs/util/', 'RUN npm ci', 'COPY . .'));
  const pnpm = buildModel(df('FROM node', 'COPY . .', 'RUN pnpm install'));
  assert.equal(apply(pnpm, moveManifestsBeforeCopy(pnpm, 0, listed)), df('FROM node', 'COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./', 'COPY apps/web/package.json ./apps/web/', 'COPY libs/util/package.json ./libs/util/', 'RUN pnpm install', 'COPY . .'));
  assert.equal(moveManifestsBeforeCopy(model, 0, { read: listed.read }), undefined, 'workspaces that cannot be listed');
});

test('move manifests: composer install only when neither its scripts nor its autoloader need the sources', () => {
  const composerJson = (text: string) => ({ read: (p: string): string | undefined => (p === 'composer.json' ? text : undefined) });
  const plain = composerJson('{"require": {"slim/slim": "^4"}}');
  const classmap = composerJson('{"autoload": {"classmap": ["database/seeds"]}}');
  const of = (install: string, files?: typeof plain) => moveManifestsBeforeCopy(buildModel(df('FROM php', 'COPY . .', `RUN ${install}`)), 0, files);
  assert.equal(of('composer install', plain), undefined, 'scripts such as artisan package:discover run at install');
  assert.ok(of('composer install --no-scripts', plain));
  assert.equal(of('composer install --no-scripts', classmap), undefined, 'the classmap folders are scanned');
  assert.equal(of('composer install --no-scripts'), undefined, 'composer.json unread');
  assert.equal(of('composer install --no-scripts -a', plain), undefined, 'an authoritative classmap would miss the app');
  assert.ok(of('composer install --no-scripts --no-autoloader', classmap));
});

test('create .dockerignore: per ecosystem, never hiding what the Dockerfile copies by name', () => {
  const model = buildModel(df('FROM rust:1.79', 'COPY target/prebuilt /p', 'COPY . .', 'RUN cargo build --release'));
  const action = createDockerignore(model, 'file:///w/.dockerignore');
  const text = (action?.edit?.documentChanges?.[1] as { edits: { newText: string }[] }).edits[0].newText;
  assert.match(action?.title ?? '', /Rust/);
  assert.ok(!text.split('\n').includes('target'), 'target/prebuilt is copied');
  assert.ok(text.split('\n').includes('.git'));
});

test('consistent spelling: only offered when something differs', () => {
  assert.equal(unifyStageSpelling(buildModel(df('FROM a AS b', 'FROM c', 'COPY --from=b / /')), 0), undefined);
  const model = buildModel(df('FROM a AS b', 'FROM c', 'COPY --from=B / /'));
  assert.equal(apply(model, unifyStageSpelling(model, 0)), df('FROM a AS b', 'FROM c', 'COPY --from=b / /'));
});

test('extract builder stage: CRLF kept; minimal edits (the FROM line renamed, the runtime inserted), no change annotation', () => {
  const model = buildModel('FROM golang:1.22\r\nWORKDIR /s\r\nRUN go build -o /app .\r\nCMD ["/app"]\r\n', URI, 3);
  const action = extractBuilderStage(model, 0, settings);
  assert.equal(action?.kind, 'refactor.extract');
  assert.equal(action?.edit?.changeAnnotations, undefined, 'Apply applies: nothing starts unchecked');
  const change = action?.edit?.documentChanges?.[0];
  const edits = change && 'edits' in change ? change.edits : [];
  assert.ok(edits.every((e) => !('annotationId' in e)));
  assert.deepEqual(edits.map((e) => [e.range.start.line, e.range.end.line]), [[0, 1], [2, 2], [3, 3]], JSON.stringify(edits));
  const out = apply(model, action);
  assert.ok(!/[^\r]\n/.test(out), 'only CRLF line breaks');
  assert.match(out, /^FROM golang:1\.22 AS builder\r\n/);
  assert.match(out, /FROM gcr\.io\/distroless\/static-debian12:nonroot\r\nWORKDIR \/s\r\nCOPY --from=builder \/app \/app\r\nCMD \["\/app"\]\r\n$/);
});

const HALF_TYPED = ['', 'FROM', 'FROM ', 'COPY --from=', 'FROM a AS', 'RUN --mount=from', '\\', '\u0000\u0001', 'FROM ${', 'FROM $', 'FROM golang\nRUN go build -o', 'FROM node\nRUN <<EOF\nnpm run build', 'FROM a\nCOPY . .\nRUN npm ci &&', '# escape=`\nFROM a\nRUN x `'];

test('bad input: every refactor answers (or declines) without throwing', () => {
  for (const text of HALF_TYPED) {
    const model = buildModel(text);
    for (let stage = -1; stage <= model.stages.length; stage++) {
      extractBuilderStage(model, stage, settings);
      nameStage(model, stage);
      removeStage(model, stage);
      moveManifestsBeforeCopy(model, stage);
      extractCommonBase(model, stage);
      inlineStage(model, stage);
      splitStage(model, stage, 1);
      unifyStageSpelling(model, stage);
    }
    createDockerignore(model, 'file:///w/.dockerignore');
  }
});

test('on every fixture, at every line, the offered refactors apply and break no reference', () => {
  const texts = [...listFixtures().map(readFixture), ...caseDirs().map((d) => readCase(d).before)];
  let applied = 0;
  for (const text of texts) {
    const model = buildModel(text, URI, 1);
    const before = broken(text);
    for (let line = 0; line < model.document.lineCount; line++) {
      const actions = refactorActions({ model, range: { start: { line, character: 0 }, end: { line, character: 0 } }, settings, files });
      for (const action of actions) {
        if (action.title.startsWith('Create .dockerignore')) continue;
        if (action.disabled) {
          assert.ok(action.disabled.reason.length > 0 && !action.edit, 'a disabled action says why and edits nothing');
          continue;
        }
        const after = apply(model, action);
        assert.ok(broken(after) <= before, `'${action.title}' at line ${line + 1} broke a reference:\n${after}`);
        applied++;
      }
    }
  }
  assert.ok(applied > 50, `only ${applied} actions were applied`);
});
