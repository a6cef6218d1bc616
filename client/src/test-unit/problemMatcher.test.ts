/**
 * The `$dockerfile-stages*` problem matchers contributed in package.json, run over BuildKit's error
 * output the way VS Code runs multi-line matchers (each pattern on consecutive lines).
 *
 * BuildKit (v0.9+: Docker 23+, buildx, nerdctl) prints a failing instruction as
 *   <Dockerfile name>:<first line>            \
 *   --------------------                      | solver/errdefs Source.Print: up to 2 lines of
 *    %3d |     <context line>                 | context before the error (1 for a multi-line
 *    %3d | >>> <instruction>                  | range), the error lines marked >>>, context after
 *   --------------------                      /
 * A matcher needs its patterns on consecutive lines, so there is one matcher per count of context
 * lines before the `>>>` line (0, 1, 2); exactly one of them fires. `sample()` below follows that
 * Go function line for line so every position in a file is checked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BUILD_PROBLEM_MATCHERS as NAMES } from '../engineCommand';

interface Pattern { regexp: string; file?: number; line?: number; message?: number; loop?: boolean }
interface Matcher { name: string; owner: string; fileLocation: unknown; pattern: Pattern[] }

const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { problemMatchers?: Matcher[] };
};
const matchers = pkg.contributes.problemMatchers ?? [];

interface Problem { matcher: string; file: string; line: number; message: string }

function run(output: string): Problem[] {
  const lines = output.split('\n');
  const problems: Problem[] = [];
  for (const m of matchers) {
    const res = m.pattern.map((p) => new RegExp(p.regexp));
    for (let i = 0; i + res.length <= lines.length; i++) {
      const groups = res.map((re, k) => re.exec(lines[i + k]));
      if (groups.some((g) => !g)) continue;
      const get = (prop: 'file' | 'line' | 'message') => {
        for (let k = 0; k < res.length; k++) {
          const index = m.pattern[k][prop];
          if (index !== undefined && groups[k]?.[index] !== undefined) return groups[k]![index];
        }
        return undefined;
      };
      const [file, line, message] = [get('file'), get('line'), get('message')];
      // VS Code trims the message (fillProperty(…, trim = true)).
      if (file && line && message) problems.push({ matcher: m.name, file, line: Number(line), message: message.trim() });
    }
  }
  return problems;
}

/** What BuildKit prints for an error at lines start..end of `source` (errdefs Source.Print). */
function sample(filename: string, source: string, start: number, end: number): string {
  const lines = source.split('\n');
  let s = start;
  let e = end;
  const pad = start === end ? 4 : 2;
  for (let p = 0; p < pad; ) {
    if (s > 1) { s--; p++; }
    if (e !== lines.length) { e++; p++; }
    p++;
  }
  const out = [`${filename}:${start}`, '-'.repeat(20)];
  for (let i = s; i <= e; i++) out.push(` ${String(i).padStart(3)} | ${i >= start && i <= end ? '>>>' : '   '} ${lines[i - 1]}`);
  out.push('-'.repeat(20));
  return ['#9 ERROR: process "/bin/sh -c false" did not complete successfully: exit code: 1', '------', ' > [builder 2/2] RUN false:', '------', ...out,
    'ERROR: failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1', ''].join('\n');
}

const DOCKERFILE = [
  'FROM busybox AS base',
  'RUN echo base',
  'FROM base AS builder',
  'RUN false',
  'FROM busybox',
  'RUN a && \\',
  '    b && \\',
  '    c',
  'COPY --from=builder /a /a',
  '',
].join('\n');

test('package.json contributes the matchers the tasks use, each locating files from the Dockerfile folder', () => {
  assert.deepEqual(matchers.map((m) => `$${m.name}`), NAMES);
  for (const m of matchers) {
    assert.deepEqual(m.fileLocation, ['autoDetect', '${fileDirname}']);
    assert.equal(m.owner, 'dockerfile-stages-build');
  }
});

test('a failing RUN in BuildKit output becomes one problem on its Dockerfile line', () => {
  const output = [
    '------',
    ' > [builder 2/2] RUN false:',
    '------',
    'Dockerfile.dev:4',
    '--------------------',
    '   2 |     RUN echo base',
    '   3 |     FROM base AS builder',
    '   4 | >>> RUN false',
    '   5 |     FROM busybox',
    '   6 |     RUN a && \\',
    '--------------------',
    'ERROR: failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1',
  ].join('\n');
  assert.deepEqual(run(output), [{ matcher: 'dockerfile-stages-2', file: 'Dockerfile.dev', line: 4, message: 'RUN false' }]);
});

test('every error position (first line, second, middle, last, multi-line ranges) gives exactly one problem', () => {
  const n = DOCKERFILE.split('\n').length;
  const ranges: [number, number][] = [];
  for (let l = 1; l < n; l++) ranges.push([l, l]);
  ranges.push([6, 8], [1, 2], [8, 9]);
  for (const [start, end] of ranges) {
    const problems = run(sample('Dockerfile', DOCKERFILE, start, end));
    assert.equal(problems.length, 1, `lines ${start}-${end}: ${JSON.stringify(problems)}`);
    assert.equal(problems[0].line, start);
    assert.equal(problems[0].file, 'Dockerfile');
    assert.equal(problems[0].message, DOCKERFILE.split('\n')[start - 1].trim());
  }
});

test('file names with spaces and dots survive; ordinary build output does not match', () => {
  assert.deepEqual(run(sample('my app.Dockerfile', DOCKERFILE, 4, 4)).map((p) => [p.file, p.line]), [['my app.Dockerfile', 4]]);
  const noise = ['#5 0.123 listening on localhost:8080', 'step:12', '--------------------', '#6 DONE 0.1s', 'Dockerfile:3', 'not dashes'].join('\n');
  assert.deepEqual(run(noise), []);
});

test('BuildKit 0.8 (dockerd 20.10) prints no source location for a failing step: nothing to map', () => {
  // Captured from dockerd 20.10.24 with DOCKER_BUILDKIT=1 (see test/docker/lens.test.ts).
  const output = [
    '#6 ERROR: executor failed running [/bin/sh -c echo oops >&2; exit 3]: exit code: 3',
    '------',
    ' > [3/3] RUN echo oops >&2; exit 3:',
    '#6 0.126 oops',
    '------',
    'executor failed running [/bin/sh -c echo oops >&2; exit 3]: exit code: 3',
  ].join('\n');
  assert.deepEqual(run(output), []);
});
