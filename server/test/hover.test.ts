import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-types';
import { buildModel } from '../src/service/model';
import { stageHover } from '../src/service/hover';
import { positionOf, sharedText } from './helpers';

const text = sharedText('hover');
const model = buildModel(text);
const hoverAt = (needle: string, offset: number) => stageHover(model, positionOf(text, needle, offset));
/** The markdown of the hover at `needle` + `offset` in another file. */
const hoverValue = (source: string, needle: string, offset: number) =>
  (stageHover(buildModel(source), positionOf(source, needle, offset))?.contents as MarkupContent | undefined)?.value;
const markdown = (needle: string, offset: number) => {
  const hover = hoverAt(needle, offset);
  assert.ok(hover, `no hover at ${needle}`);
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
};

test('on a declaration: chain through stages to the image, doc comment, users by kind, what they take', () => {
  assert.equal(
    markdown('AS test', 4),
    [
      '**Stage `test`** (stage 1)',
      '`test` → `base` → `golang:1.22` (`golang:${GO}` with ARG defaults)',
      'Runs the unit tests.\nBuild it with --target test.',
      'Copied from by: `stage 2`  \nMounted by: `stage 2`',
      // JSON-form sources without the destination; a mount without source= takes the stage root.
      'Taken from it:\n- `/out/report.xml`, `/cover.out` → `stage 2` (line 8)\n- `/` mounted at `/t` in `stage 2` (line 10)',
    ].join('\n\n'),
  );
});

test('on a reference (by index) it describes the stage, with the reference as range', () => {
  const start = positionOf(text, '--from=0', 7);
  assert.deepEqual(hoverAt('--from=0', 7), {
    contents: {
      kind: 'markdown',
      value: [
        '**Stage `base`** (stage 0)',
        '`base` → `golang:1.22` (`golang:${GO}` with ARG defaults)',
        'Base of: `test`  \nCopied from by: `stage 2`',
        'Taken from it:\n- `/go/bin` → `stage 2` (line 9)',
      ].join('\n\n'),
    },
    range: { start, end: { line: start.line, character: start.character + 1 } },
  });
  assert.equal(markdown('FROM base', 6), markdown('AS base', 4));
});

test('unused stage with a platform; a self-mount is not a use', () => {
  const source = 'FROM --platform=$BUILDPLATFORM alpine AS tools\nRUN --mount=from=tools true\n';
  assert.equal(
    hoverValue(source, 'AS tools', 4),
    '**Stage `tools`** (stage 0)\n\n`tools` → `alpine` · platform `$BUILDPLATFORM`\n\nNo later stage uses it.',
  );
});

test('images, keywords and other text get no stage hover (the base service answers)', () => {
  assert.equal(hoverAt('nginx:1.27', 2), null);
  assert.equal(hoverAt('golang:', 2), null);
  assert.equal(hoverAt('COPY --from=0', 1), null);
  assert.equal(hoverAt('/go/bin', 2), null);
});

test('lists are capped on huge files', () => {
  const lines = ['FROM alpine AS base'];
  for (let i = 0; i < 50; i++) lines.push(`FROM base AS s${i}`, `COPY --from=base /f${i} /f`);
  const source = lines.join('\n');
  const value = hoverValue(source, 'AS base', 4) ?? '';
  const users = Array.from({ length: 10 }, (_, i) => `\`s${i}\``).join(', ');
  assert.ok(value.includes(`Base of: ${users} and 40 more  \nCopied from by: ${users} and 40 more`), value);
  assert.ok(value.endsWith('- `/f9` → `s9` (line 21)\n- and 40 more'), value);
});

test('a chain longer than the cap ends with an ellipsis', () => {
  const lines = ['FROM alpine AS s0'];
  for (let i = 1; i <= 30; i++) lines.push(`FROM s${i - 1} AS s${i}`);
  const source = lines.join('\n');
  const value = hoverValue(source, 'AS s30', 4) ?? '';
  const chain = value.split('\n\n')[1];
  assert.equal(chain, ['s30', 's29', 's28', 's27', 's26', 's25', 's24', 's23', 's22', 's21', 's20', 's19', 's18'].map((s) => `\`${s}\``).join(' → ') + ' → …');
});
