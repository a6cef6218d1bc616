/**
 * What fails BuildKit's parse, as our rules (dockerfile-utils' validation is gone): unknown
 * instructions, missing arguments, bad flags, instructions before the first FROM, and the three
 * failures we used to miss (`ARG IMAGE` + `FROM $IMAGE`, `FROM busybox:$V` with no default,
 * `FROM "" AS foo`; `COPY --from=0` before any FROM). Where BuildKit builds, silence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { analyze, applyFix, diagnosticsOf } from './ruleTestKit';

const PARSE_RULES = ['unknown-instruction', 'missing-arguments', 'invalid-flag', 'instruction-before-from', 'invalid-default-arg-in-from'];

function errors(text: string): { code: string; line: number; data: unknown }[] {
  return analyze(text)
    .diagnostics.filter((d: Diagnostic) => PARSE_RULES.includes(String(d.code)) && d.severity === DiagnosticSeverity.Error)
    .map((d) => ({ code: String(d.code), line: d.range.start.line, data: d.data }));
}

test('unknown-instruction: an error with the closest keyword, fixed by it', () => {
  const [d] = diagnosticsOf('unknown-instruction', 'FROM alpine\nRUNN echo\n');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.deepEqual(d.data, { messageId: 'unknown', keyword: 'RUNN', suggestion: 'RUN', hint: " Did you mean 'RUN'?" });
  assert.equal(applyFix('unknown-instruction', 'FROM alpine\nRUNN echo\n'), 'FROM alpine\nRUN echo\n');
  assert.deepEqual(errors('FROM alpine\nrun echo\nOnBuild RUN x\n'), []);
});

test('missing-arguments: each instruction that needs arguments', () => {
  const cases: [string, string][] = [
    ['COPY onlyone', 'noDestination'],
    ['ADD onlyone', 'noDestination'],
    ['WORKDIR', 'exactlyOne'],
    ['USER', 'exactlyOne'],
    ['ENV', 'atLeast'],
    ['ENV NAME', 'twoArguments'],
    ['LABEL key', 'twoArguments'],
    ['EXPOSE', 'atLeast'],
    ['SHELL sh -c', 'shellJson'],
    ['HEALTHCHECK', 'atLeast'],
    ['HEALTHCHECK CMD', 'healthcheckCommand'],
    ['HEALTHCHECK curl x', 'healthcheckType'],
  ];
  for (const [line, messageId] of cases) {
    const found = errors(`FROM alpine\n${line}\n`);
    assert.deepEqual(found.map((e) => [e.code, e.line, (e.data as { messageId: string }).messageId]), [['missing-arguments', 1, messageId]], line);
  }
  assert.deepEqual(errors('FROM alpine AS\n').map((e) => (e.data as { messageId: string }).messageId), ['fromArguments']);
  assert.deepEqual(errors('FROM alpine b\n').map((e) => e.code), ['missing-arguments']);
  assert.deepEqual(errors('FROM alpine AS a\nRUN\nCMD\nHEALTHCHECK NONE\nCOPY <<EOF /x\nhi\nEOF\nENV A=\nSHELL ["/bin/sh", "-c"]\n'), []);
});

test('invalid-flag: unknown, duplicate, missing value, not a boolean; flags on any instruction', () => {
  const cases: [string, string][] = [
    ['COPY --frm=x a b', 'unknown'],
    ['COPY --from a b', 'missingValue'],
    ['COPY --from=a --from=b a b', 'duplicate'],
    ['COPY --link=maybe a b', 'notBoolean'],
    ['ENV --x=1 A=1', 'unknown'],
    ['CMD --help', 'unknown'],
    ['ONBUILD --x RUN y', 'unknown'],
    ['RUN --foo=1 x', 'unknown'],
  ];
  for (const [line, messageId] of cases) {
    const found = errors(`FROM alpine\n${line}\n`);
    assert.deepEqual(found.map((e) => [e.code, (e.data as { messageId: string }).messageId]), [['invalid-flag', messageId]], line);
  }
  assert.equal((diagnosticsOf('invalid-flag', 'FROM alpine\nCOPY --frm=x a b\n')[0].data as { hint: string }).hint, " (did you mean '--from'?)");
  const accepted = 'FROM --platform=$BUILDPLATFORM alpine\nCOPY --link --chmod=755 --exclude=a --exclude=b a b\nADD --checksum=sha256:x --keep-git-dir=true a b\nRUN --mount=type=cache,target=/x --mount=type=tmpfs,target=/t --network=host x\nHEALTHCHECK --retries=3 CMD ["x"]\n';
  assert.deepEqual(errors(accepted), []);
});

test('an empty COPY --from= builds (copies from the context): no error', () => {
  assert.deepEqual(errors('FROM alpine\nCOPY --from= a b\n'), []);
});

test('instruction-before-from: RUN and COPY --from=0 before any FROM fail; ARG is fine', () => {
  assert.deepEqual(errors('RUN echo\nFROM alpine\n').map((e) => [e.code, e.line]), [['instruction-before-from', 0]]);
  assert.deepEqual(errors('COPY --from=0 a b\nFROM alpine\n').map((e) => [e.code, e.line]), [['instruction-before-from', 0]]);
  assert.deepEqual(errors('# syntax=docker/dockerfile:1\nARG A=1\nFROM alpine\n'), []);
});

test('InvalidDefaultArgInFrom: ARG IMAGE then FROM $IMAGE; FROM busybox:$V with no default; FROM "" AS foo (blank)', () => {
  assert.deepEqual(errors('ARG IMAGE\nFROM $IMAGE\n').map((e) => [e.code, e.line, (e.data as { messageId: string }).messageId]), [['invalid-default-arg-in-from', 1, 'empty']]);
  assert.deepEqual(errors('ARG V\nFROM busybox:$V\n').map((e) => [e.code, (e.data as { value: string }).value]), [['invalid-default-arg-in-from', 'busybox:']]);
  assert.deepEqual(errors('FROM busybox:$V\n').map((e) => e.code), ['invalid-default-arg-in-from']);
  assert.deepEqual(errors('FROM "" AS foo\n').map((e) => [e.code, (e.data as { messageId: string }).messageId]), [['invalid-default-arg-in-from', 'blank']]);
  assert.deepEqual(errors('ARG IMAGE=alpine:3.19\nARG REG=ghcr.io/acme\nFROM $IMAGE\nFROM ${REG}/tool@sha256:' + 'a'.repeat(64) + '\nFROM --platform=$BUILDPLATFORM golang:${GO:-1.22}\nFROM localhost:5000/x\n'), []);
});

test('no empty-continuation finding on the end-of-file line', () => {
  assert.deepEqual(diagnosticsOf('no-empty-continuation', 'FROM alpine\nRUN echo \\\n'), []);
  assert.deepEqual(diagnosticsOf('no-empty-continuation', 'FROM alpine\nRUN echo \\'), []);
});
