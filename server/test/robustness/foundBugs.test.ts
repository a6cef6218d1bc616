/**
 * The bugs the fuzzer found, each pinned by the smallest input that showed it (the fuzz cases were
 * shrunk by hand). Each test names the invariant that failed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { buildModel } from '../../src/service/model';
import { stageCompletions } from '../../src/service/completion';
import { BaseService } from '../../src/service/base';
import { isRefusal, renameStage } from '../../src/service/rename';
import { documentSymbols } from '../../src/service/symbols';
import { foldingRanges } from '../../src/service/folding';
import { refactorActions, refactors } from '../../src/service/refactors/registry';
import { nameStage } from '../../src/service/refactors/nameStage';
import { documentLines } from '../../src/service/refactors/edits';
import { extractBuilderStage } from '../../src/service/refactors/extractBuilderStage';
import { defaultSettings } from '../../src/protocol';
import { DocShape } from './invariants';
import { positionOf } from '../helpers';

const edits = (edit: WorkspaceEdit): TextEdit[] => edit.documentChanges?.flatMap((c) => ('edits' in c ? c.edits.filter((e): e is TextEdit => 'range' in e) : [])) ?? [];
const applied = (text: string, edit: WorkspaceEdit) => TextDocument.applyEdits(TextDocument.create('file:///x', 'dockerfile', 0, text), edits(edit));

test('completion after `FROM image:` is the base service\'s (tags), not stage names; the setting decides the network', () => {
  const text = 'FROM alpine AS a\nFROM node:\n';
  assert.equal(stageCompletions(buildModel(text), { line: 1, character: 10 }), undefined);
  assert.equal(stageCompletions(buildModel('FROM alpine AS a\nFROM node@sha\n'), { line: 1, character: 13 }), undefined);
  // Without a tag the position still offers stages.
  assert.deepEqual(stageCompletions(buildModel('FROM alpine AS a\nFROM n\n'), { line: 1, character: 6 })?.map((i) => i.label), ['a']);
});

test('completion ranges stop before a lone \\r line break (range inside the document)', () => {
  const text = 'FROM alpine AS a\rFROM scratch\rCOPY --from=x\rRUN true\r';
  const items = stageCompletions(buildModel(text), { line: 2, character: 13 }) ?? [];
  assert.deepEqual(items.map((i) => i.label), ['a']);
  const range = items[0].textEdit && 'range' in items[0].textEdit ? items[0].textEdit.range : undefined;
  assert.deepEqual(range, { start: { line: 2, character: 12 }, end: { line: 2, character: 13 } });
});

test('dockerfile-utils overflowing its stack (BOM + ARG with a variable) costs its own diagnostics only', () => {
  const model = buildModel('\uFEFFARG X=${BASE}\nFROM no\n');
  const base = new BaseService();
  assert.ok(Array.isArray(base.links(model)));
});

test('base service ranges are clamped into the document (lone \\r line breaks)', () => {
  const text = 'FROM a_b AS x-y\nFROM a_b AS a_b\rARG =$BASE\r# escape= \r# escape=\\\rFROM b\'+sXN\rENV X\rrun <<EOF\r \rRUN --mount== --mount=,from=node:20,type=bind,type=ss\rh,from= true\r';
  const shape = new DocShape(text);
  const model = buildModel(text);
  for (const l of new BaseService().links(model)) shape.checkRange(l.range, 'base document link');
  for (const e of new BaseService().format(model, { tabSize: 4, insertSpaces: true })) shape.checkRange(e.range, 'base format edit');
});

test('rename refuses a name that a line uses as an image (it would start meaning the stage)', () => {
  // Names resolve case-insensitively: `FROM Alpine` would mean a stage named alpine.
  const text = 'FROM node:20 AS build\nRUN make\nFROM Alpine\nCOPY --from=build /a /a\nCOPY --from=busybox /bin/sh /sh\n';
  const model = buildModel(text);
  const at = positionOf(text, 'build', 0);
  for (const name of ['alpine', 'busybox']) {
    const r = renameStage(model, at, name);
    assert.ok(isRefusal(r) && /as an image/.test(r.error), `${name}: ${JSON.stringify(r)}`);
  }
  const ok = renameStage(model, at, 'builder');
  assert.ok(!isRefusal(ok));
  // Its own base is no capture: `FROM node AS node` still pulls the image.
  assert.ok(!isRefusal(renameStage(model, at, 'node')));
});

test('rename also renames `--from=name` above the stage, which BuildKit resolves to it (duplicates keep their meaning)', () => {
  const text = 'FROM golang AS builder\nFROM alpine AS test\nCOPY --from=builder /a /a\nFROM golang AS builder\n';
  const model = buildModel(text);
  const r = renameStage(model, { line: 3, character: 16 }, 'b2');
  assert.ok(!isRefusal(r));
  assert.equal(applied(text, r), 'FROM golang AS builder\nFROM alpine AS test\nCOPY --from=b2 /a /a\nFROM golang AS b2\n');
});

test('the outline never holds an empty symbol name (VS Code rejects the whole outline)', () => {
  const symbols = documentSymbols(buildModel('ARG =1\nFROM alpine\n'));
  assert.equal(symbols[0].name, 'ARG');
});

test('a heredoc folding range never starts above its instruction', () => {
  const text = 'RUN --mount=from=x <<EOF\rFROM 99\rrun a \\\rSHELL x\rFrom y\r\n';
  for (const f of foldingRanges(buildModel(text))) assert.ok(f.startLine >= 0, JSON.stringify(f));
});

test('refactor line arithmetic counts a lone \\r as a line break, like LSP positions', () => {
  const text = 'FROM python:3.12\rWORKDIR /app\rRUN pip install -r requirements.txt\rCOPY . .\rCMD ["python", "app.py"]\r';
  const model = buildModel(text);
  assert.equal(documentLines(model).length, model.document.lineCount);
  const action = extractBuilderStage(model, 0, defaultSettings);
  if (action?.edit) for (const e of edits(action.edit)) new DocShape(text).checkRange(e.range, 'extract edit');
});

test('a refactor that throws costs only its own actions', () => {
  const model = buildModel('FROM alpine AS a\nRUN true\n');
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const ctx = { model, range, settings: defaultSettings };
  const before = refactorActions(ctx).length;
  const broken = { id: 'broken', kind: 'refactor', title: 'Broken', actions: () => { throw new Error('boom'); }, run: () => undefined };
  refactors.unshift(broken);
  try {
    assert.equal(refactorActions(ctx).length, before);
  } finally {
    refactors.splice(refactors.indexOf(broken), 1);
  }
});

test('Name stage is not offered on a malformed FROM, nor with a name BuildKit rejects', () => {
  const junk = buildModel('FROM alpine junk\nFROM alpine AS\n');
  assert.equal(nameStage(junk, 0), undefined);
  assert.equal(nameStage(junk, 1), undefined);
  const invalid = buildModel('FROM alpine AS $BASE\nFROM scratch\nCOPY --from=0 /a /a\n');
  assert.equal(nameStage(invalid, 0), undefined);
});

test('rename refuses to name an unnamed stage whose FROM is not `FROM <image>` (it inserted `AS x` after the keyword)', () => {
  const text = 'FROM --mount=from=base,target=/xgolang:1.22-alpine\nRUN true\nFROM alpine\nCOPY --from=0 /a /b\n';
  const r = renameStage(buildModel(text), positionOf(text, '--from=0', 7), 'a');
  assert.ok(isRefusal(r) && /not `FROM <image>`/.test(r.error), JSON.stringify(r));
  assert.ok(!isRefusal(renameStage(buildModel('FROM golang\nFROM alpine\nCOPY --from=0 /a /b\n'), { line: 2, character: 12 }, 'a')));
});

test('a global ARG word written across a line continuation keeps its ranges inside the document', () => {
  const text = 'ARG B\\\nARG B\\\nASE=${BASE';
  const model = buildModel(text);
  const shape = new DocShape(text);
  for (const arg of model.globalArgs) {
    shape.checkRange(arg.nameRange, `ARG ${arg.name}`);
    if (arg.valueRange) shape.checkRange(arg.valueRange, `ARG ${arg.name} value`);
  }
});

test('ARG names go into the refactors\' regular expressions escaped (`ARG (` threw, `ARG (a+)+` could backtrack forever)', () => {
  const text = ['FROM alpine AS base', 'ARG (', 'ARG (a+)+', `RUN echo $${'a'.repeat(40)}!`, 'RUN true', 'FROM base', `RUN echo $${'a'.repeat(40)}! \${(}`, ''].join('\n');
  const model = buildModel(text);
  for (let line = 0; line < model.document.lineCount; line++) {
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    for (const refactor of refactors) {
      const started = process.cpuUsage();
      assert.doesNotThrow(() => refactor.actions({ model, range, settings: defaultSettings }), `${refactor.id} at line ${line}`);
      const { user, system } = process.cpuUsage(started);
      assert.ok((user + system) / 1000 < 2000, `${refactor.id} at line ${line}`);
    }
  }
});
