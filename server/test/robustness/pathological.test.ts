/**
 * Pathological inputs: every request the server answers (every service entry point, ours and
 * dockerfile-language-service's, at the start, middle and end of the file and at a stage name and a
 * reference) returns within a generous bound, without throwing, with every range in the document.
 * Bounds are CPU time per request (see invariants.ts): they catch hangs and blow-ups (quadratic work
 * on 10k stages took minutes before it was fixed), not speed — bench/ measures speed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, cpuMs } from './invariants';
import { buildModel } from '../../src/service/model';

const BOUND_MS = 5000;

function lines(count: number, line: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => line(i)).join('\n') + '\n';
}

/** 50,000 lines: 100 stages of 500 lines (RUN with continuations, comments, COPY/mount references). */
function fiftyThousandLines(): string {
  const out: string[] = [];
  for (let s = 0; s < 100; s++) {
    out.push(`# stage ${s} builds part ${s}`, s === 0 ? 'FROM golang:1.22 AS s0' : `FROM s${s - 1} AS s${s}`);
    for (let k = 0; k < 49; k++) {
      out.push(
        `RUN --mount=type=cache,target=/root/.cache,from=s${Math.max(0, s - 1)} \\`,
        `    echo ${s}-${k} \\`,
        `    && make part-${k} \\`,
        `    && true`,
        `COPY --from=s${Math.max(0, s - 1)} /out/${k} /in/${k}`,
        `ENV V${k}=\${V${k}:-${k}}`,
        `# step ${k}`,
        `WORKDIR /w/${k}`,
        `ARG A${k}=${k}`,
        `LABEL k${k}="${k}"`,
      );
    }
    out.push('', '');
  }
  return out.join('\n');
}

function nested(depth: number): string {
  let value = 'alpine';
  for (let i = 0; i < depth; i++) value = `\${a${i}:-${value}}`;
  return value;
}

const INPUTS: [string, () => string][] = [
  ['a 50k-line file', fiftyThousandLines],
  ['a 1 MB single RUN line', () => `FROM alpine AS a\nRUN ${'x'.repeat(1_000_000)}\n`],
  ['a 1 MB image name, stage name and --from value', () => `FROM ${'a'.repeat(350_000)} AS ${'b'.repeat(350_000)}\nCOPY --from=${'b'.repeat(350_000)} /a /b\n`],
  // An invalid name is turned into a suggestion with /-+$/, which was quadratic on a run of dashes.
  ['a 1 MB invalid stage name (dashes) and a 1 MB --from of spaces in JSON form', () => `FROM alpine AS A${'-'.repeat(500_000)}b\nCOPY ["${' '.repeat(500_000)}x", "."] /dst\n`],
  ['a 1 MB line of words', () => `FROM alpine\nRUN ${'ab '.repeat(350_000)}\n`],
  ['10k stages, each FROM the previous, with COPY --from', () => lines(10_000, (i) => (i === 0 ? 'FROM alpine AS s0' : `FROM s${i - 1} AS s${i}\nCOPY --from=s${i - 1} /a /b`))],
  ['10k unnamed stages with numeric --from', () => lines(10_000, (i) => `FROM alpine\nCOPY --from=${Math.max(0, i - 1)} /a /b`)],
  ['a 10k-line continuation', () => `FROM alpine\nRUN a \\\n${'  b \\\n'.repeat(10_000)}  c\n`],
  ['1k heredocs', () => `FROM alpine\n${lines(1000, (i) => `RUN <<EOF${i} cat\necho ${i}\nEOF${i}`)}`],
  ['1k unterminated heredocs', () => `FROM alpine\n${lines(1000, (i) => `RUN <<EOF${i}`)}`],
  ['a file of 200k backslashes', () => '\\'.repeat(200_000)],
  ['50k lines of a backslash', () => '\\\n'.repeat(50_000)],
  ['50k lines of a backtick with # escape=`', () => '# escape=`\n' + '`\n'.repeat(50_000)],
  ['5000-deep ${a:-${b:-…}} nesting in ARG, FROM, --from, ENV and RUN', () => {
    const v = nested(5000);
    return `ARG X=${v}\nFROM ${v} AS s\nCOPY --from=${v} /a /b\nENV E=${v}\nRUN echo ${v}\n`;
  }],
  ['50k unbalanced ${', () => `FROM alpine\nARG A=${'${'.repeat(50_000)}\nRUN echo ${'${'.repeat(50_000)}\n`],
  ['100k quotes', () => `FROM alpine\nRUN ${'"\''.repeat(50_000)}\nCOPY ["${'a", "'.repeat(20_000)}\n`],
  ['200k NUL and lone-CR characters', () => `FROM alpine AS a\r${'\0\r'.repeat(100_000)}COPY --from=a /a /b\n`],
];

/**
 * Inputs on which dockerfile-language-service (dockerfile-utils' validation, a dependency) alone
 * takes more than the bound: reported, not ours to fix here. Our features still run on them under
 * the bound; the base service's slow call is a `todo` test, which passes once the dependency is fast.
 */
const SLOW_IN_BASE = new Set(['a 50k-line file', 'a 1 MB line of words']);

for (const [name, make] of INPUTS) {
  const slowBase = SLOW_IN_BASE.has(name);
  test(`pathological: ${name}`, { timeout: 120_000 }, async () => {
    const text = make();
    const started = cpuMs();
    await checkText(
      text,
      // dockerfile-language-service re-parses the whole text per request (~1.3 s per MB): on the 1 MB
      // inputs its document requests run, its position requests (the same parse) only on smaller ones.
      { offsets: [0, Math.floor(text.length / 2), text.length], newName: 'renamed', base: !slowBase, basePositions: text.length > 500_000 ? 0 : 1, actionPositions: 1, roundTrips: false, parseChecks: false, boundMs: BOUND_MS },
      1,
    );
    assert.ok(cpuMs() - started < 20 * BOUND_MS, 'all requests together');
  });
}
