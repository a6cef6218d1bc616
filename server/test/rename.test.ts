import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { buildModel, type StageModel } from '../src/service/model';
import { isRefusal, prepareRename, renameStage } from '../src/service/rename';
import { positionOf, sharedText } from './helpers';
import { diagnosticsOf } from './rules/ruleTestKit';

/** The document after applying a rename, or the refusal message. */
function renamed(text: string, needle: string, offset: number, newName: string): string {
  const model = buildModel(text, 'file:///w/Dockerfile', 3);
  const result = renameStage(model, positionOf(text, needle, offset), newName);
  if (isRefusal(result)) return `refused: ${result.error}`;
  return apply(model, result);
}

function apply(model: StageModel, edit: WorkspaceEdit): string {
  const [change] = edit.documentChanges as TextDocumentEdit[];
  assert.deepEqual(change.textDocument, { uri: model.uri, version: model.version });
  return TextDocument.applyEdits(model.document, change.edits);
}

const text = sharedText('rename');

test('renames the declaration and copy-from, mount-from and FROM references; numeric ones stay', () => {
  assert.equal(
    renamed(text, 'AS builder', 4, 'compile'),
    sharedText('renamedToCompile'),
  );
  // Started from a reference, the result is the same.
  assert.equal(renamed(text, '--from=BUILDER', 9, 'compile'), renamed(text, 'AS builder', 4, 'compile'));
});

test('refuses invalid, reserved and taken names (case-insensitively)', () => {
  assert.match(renamed(text, 'AS builder', 4, 'Foo'), /^refused: 'Foo' is not a valid stage name/);
  assert.match(renamed(text, 'AS builder', 4, '1st'), /^refused: '1st' is not a valid stage name/);
  assert.equal(renamed(text, 'AS builder', 4, 'scratch'), "refused: 'scratch' is reserved by BuildKit and cannot name a stage.");
  assert.equal(renamed(text, 'AS builder', 4, 'context'), "refused: 'context' is reserved by BuildKit and cannot name a stage.");
  assert.equal(renamed(text, 'AS builder', 4, 'runtime'), "refused: A stage named 'runtime' already exists.");
  assert.equal(renamed(text, 'AS builder', 4, 'test'), "refused: A stage named 'test' already exists.");
});

test('renaming to its own name is allowed (no conflict with itself)', () => {
  assert.equal(renamed(text, 'AS builder', 4, 'builder'), text.replace('BUILDER', 'builder'));
});

test('an unnamed stage reached by index gains AS name; the index reference stays', () => {
  const source = 'FROM alpine:3.20\nRUN true\nFROM scratch\nCOPY --from=0 /etc /etc\n';
  assert.equal(renamed(source, '--from=0', 7, 'base'), 'FROM alpine:3.20 AS base\nRUN true\nFROM scratch\nCOPY --from=0 /etc /etc\n');
});

test('a FROM selected through a global ARG default updates the default', () => {
  const source = 'ARG BASE=builder\nFROM golang AS builder\nFROM ${BASE} AS dev\nCOPY --from=builder /a /b\n';
  assert.equal(renamed(source, 'AS builder', 4, 'compile'), 'ARG BASE=compile\nFROM golang AS compile\nFROM ${BASE} AS dev\nCOPY --from=compile /a /b\n');
});

test('two FROMs selected through the same ARG update its default once', () => {
  const source = 'ARG BASE=builder\nFROM golang AS builder\nFROM ${BASE} AS dev\nFROM $BASE AS ci\n';
  assert.equal(renamed(source, 'AS builder', 4, 'compile'), 'ARG BASE=compile\nFROM golang AS compile\nFROM ${BASE} AS dev\nFROM $BASE AS ci\n');
});

test('an ARG default that only partly names the stage is refused rather than broken', () => {
  const source = 'ARG V=alpine\nFROM alpine AS base-alpine\nFROM base-${V}\n';
  assert.equal(renamed(source, 'AS base-alpine', 4, 'os'), "refused: Line 3 selects 'base-alpine' through ARG V; rename it there by hand.");
});

test('prepareRename: the name or reference under the cursor, or why not', () => {
  const model = buildModel(text);
  const declaration = positionOf(text, 'AS builder', 3);
  assert.deepEqual(prepareRename(model, positionOf(text, 'AS builder', 5)), {
    range: { start: declaration, end: { line: declaration.line, character: declaration.character + 7 } },
    placeholder: 'builder',
  });
  const reference = positionOf(text, '--from=BUILDER', 7);
  assert.deepEqual(prepareRename(model, reference), {
    range: { start: reference, end: { line: reference.line, character: reference.character + 7 } },
    placeholder: 'builder',
  });
  assert.deepEqual(prepareRename(model, positionOf(text, 'golang', 1)), { error: 'Rename works on a stage name or a reference to a stage.' });
  assert.deepEqual(prepareRename(model, positionOf(text, 'echo builder', 6)), { error: 'Rename works on a stage name or a reference to a stage.' });
});

test('rename: naming a stage writes AS in the casing of its FROM line (a lower-case file stays clean)', () => {
  const lower = 'from golang:1.22\nrun go build -o /app\nfrom alpine\ncopy --from=0 /app /app\n';
  const after = renamed(lower, '--from=0', 7, 'builder');
  assert.match(after, /^from golang:1\.22 as builder\n/);
  assert.deepEqual(diagnosticsOf('from-as-casing', after), []);
  const upper = 'FROM golang:1.22\nFROM alpine\nCOPY --from=0 /app /app\n';
  assert.match(renamed(upper, '--from=0', 7, 'builder'), /^FROM golang:1\.22 AS builder\n/);
});

test('an escape earlier in a flag does not shift the reference: the mount is renamed where it is written', () => {
  const escaped = 'FROM golang:1.22 AS builder\nFROM alpine\nRUN --mount=\\type=bind,from=builder,target=/src true\nCOPY --from=builder /a /a\n';
  const model = buildModel(escaped);
  const mount = model.references.find((r) => r.kind === 'mount-from')!;
  assert.equal(model.document.getText(mount.range), 'builder');
  assert.equal(renamed(escaped, 'AS builder', 4, 'b'), 'FROM golang:1.22 AS b\nFROM alpine\nRUN --mount=\\type=bind,from=b,target=/src true\nCOPY --from=b /a /a\n');
});

test('a reference written with an escape inside its value still navigates; a rename refuses instead of breaking it', () => {
  const escaped = 'FROM golang:1.22 AS builder\nFROM alpine\nCOPY --from=build\\er /a /a\n';
  const model = buildModel(escaped);
  const reference = model.references.find((r) => r.kind === 'copy-from')!;
  assert.equal(reference.value, 'builder'); // the value as dockerfile-ast reads it, escape removed
  assert.equal(reference.escaped, true);
  assert.match(renamed(escaped, 'AS builder', 4, 'b'), /^refused: Line 3 writes 'builder' with escapes/);
});

test('a rename the parser would read differently afterwards is refused, not applied', () => {
  // dockerfile-ast reads `FROM a-- --from=x y` with `--from=x` as the image: renaming `deps` to `a--`
  // would silently turn the second stage's base from the stage into an image.
  const odd = 'FROM node:20 AS deps\nFROM deps --from=builder build\n';
  assert.match(renamed(odd, 'AS deps', 4, 'a--'), /^refused: After this rename line 2 would be read differently/);
  assert.equal(renamed(odd, 'AS deps', 4, 'base'), 'FROM node:20 AS base\nFROM base --from=builder build\n');
});
