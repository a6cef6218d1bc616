import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../src/service/model';
import { semanticTokens, semanticTokensLegend } from '../src/service/semanticTokens';
import { positionOf } from './helpers';

/** Decodes the relative encoding into `line:char text type[.modifier…]`. */
function decode(text: string): string[] {
  const { data } = semanticTokens(buildModel(text));
  assert.equal(data.length % 5, 0);
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, modifiers] = data.slice(i, i + 5);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const names = semanticTokensLegend.tokenModifiers.filter((_, bit) => modifiers & (1 << bit));
    out.push(`${line}:${character} ${lines[line].slice(character, character + length)} ${[semanticTokensLegend.tokenTypes[type], ...names].join('.')}`);
  }
  return out;
}

test('legend: standard token types and modifiers', () => {
  assert.deepEqual(semanticTokensLegend, { tokenTypes: ['class', 'namespace'], tokenModifiers: ['declaration', 'defaultLibrary'] });
});

test('declarations, stage references, --from images and ARG-selected values, in order', () => {
  const text = [
    'ARG BASE=builder',
    'ARG IMG=alpine',
    'FROM golang AS builder',
    'FROM ${BASE} AS dev',
    'FROM ${IMG} AS img',
    'COPY --from=builder /a /b',
    'COPY --from=0 /a /b',
    'COPY --from=nginx:1.27 /a /b',
    'RUN --mount=from=dev,target=/x --mount=from=busybox,target=/y true',
    'COPY --from=$X /a /b',
    'COPY --from=later /a /b',
    'FROM alpine AS later',
  ].join('\n');
  const col = (needle: string, offset = 0, occurrence = 1) => positionOf(text, needle, offset, occurrence).character;
  assert.deepEqual(decode(text), [
    `2:${col('builder', 0, 2)} builder class.declaration`,
    `3:5 \${BASE} class.defaultLibrary`,
    `3:${col('dev')} dev class.declaration`,
    `4:5 \${IMG} namespace.defaultLibrary`,
    `4:${col('img')} img class.declaration`,
    '5:12 builder class',
    '6:12 0 class',
    '7:12 nginx:1.27 namespace',
    `8:${col('from=dev', 5)} dev class`,
    `8:${col('from=busybox', 5)} busybox namespace`,
    `11:${col('AS later', 3)} later class.declaration`,
  ]);
});

test('plain image bases, variables in --from and forward references get no token', () => {
  assert.deepEqual(decode('FROM golang:1.22\nCOPY --from=$STAGE /a /b\nCOPY --from=next /a /b\nFROM alpine AS next'), ['3:15 next class.declaration']);
});

test('CRLF and BOM keep columns exact', () => {
  const text = '\uFEFFFROM alpine AS a\r\nFROM alpine\r\nCOPY --from=a /x /y\r\n';
  const { data } = semanticTokens(buildModel(text));
  assert.deepEqual(data, [0, 16, 1, 0, 1, 2, 12, 1, 0, 0]);
});

test('a huge file encodes every token once, in order (one pass, no rescans)', () => {
  const lines = ['FROM alpine AS s0'];
  for (let i = 1; i < 5000; i++) lines.push(`FROM s${i - 1} AS s${i}`, `COPY --from=s0 /a /b`);
  const tokens = decode(lines.join('\n'));
  assert.equal(tokens.length, 1 + 4999 * 3);
  assert.equal(tokens[tokens.length - 1], `${lines.length - 1}:12 s0 class`);
});
