/**
 * BuildKit's build checks as our rules: for each, a positive case (lines and data asserted), a
 * negative case, and `# check=skip=<Check>` silencing it. The differential test compares the same
 * rules with BuildKit itself (buildkitChecks.differential.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { ruleById } from '../../src/service/rules/registry';
import { analyze, applyFix, diagnosticsOf } from './ruleTestKit';

interface CheckCase {
  rule: string;
  check: string;
  positive: string;
  /** 0-based lines of the findings in `positive`. */
  lines: number[];
  /** Expected `data` of the first finding (buildkitCheck and messageId included), when asserted. */
  data?: Record<string, unknown>;
  negative: string;
  settings?: Record<string, string>;
}

const CASES: CheckCase[] = [
  {
    rule: 'consistent-instruction-casing',
    check: 'ConsistentInstructionCasing',
    positive: 'FROM alpine\nrun echo\nRUN echo\nCMD ["x"]\n',
    lines: [1],
    data: { messageId: 'casing', written: 'run', expected: 'RUN', casing: 'uppercase', buildkitCheck: 'ConsistentInstructionCasing' },
    negative: 'from alpine\nrun echo\narg A\n',
  },
  {
    rule: 'maintainer-deprecated',
    check: 'MaintainerDeprecated',
    positive: 'FROM alpine\nMAINTAINER Jane <jane@example.com>\n',
    lines: [1],
    negative: 'FROM alpine\nLABEL org.opencontainers.image.authors="Jane"\n',
  },
  {
    rule: 'json-args-recommended',
    check: 'JSONArgsRecommended',
    positive: 'FROM alpine\nENTRYPOINT my-app --serve\nCMD [\'single\']\n',
    lines: [1, 2],
    data: { messageId: 'shellForm', keyword: 'ENTRYPOINT', buildkitCheck: 'JSONArgsRecommended' },
    negative: 'FROM alpine\nCMD ["x"]\nFROM alpine AS s\nSHELL ["/bin/bash", "-c"]\nFROM s\nCMD run me\n',
  },
  {
    rule: 'multiple-instructions-disallowed',
    check: 'MultipleInstructionsDisallowed',
    positive: 'FROM alpine\nCMD ["a"]\nENTRYPOINT ["e"]\nCMD ["b"]\nHEALTHCHECK NONE\nHEALTHCHECK CMD ["true"]\n',
    lines: [1, 4],
    data: { messageId: 'overridden', keyword: 'CMD', line: 4, buildkitCheck: 'MultipleInstructionsDisallowed' },
    negative: 'FROM alpine\nCMD ["a"]\nFROM alpine\nCMD ["b"]\n',
  },
  {
    rule: 'legacy-key-value-format',
    check: 'LegacyKeyValueFormat',
    positive: 'FROM alpine\nENV A 1\nLABEL b c\n',
    lines: [1, 2],
    data: { messageId: 'legacy', keyword: 'ENV', name: 'A', buildkitCheck: 'LegacyKeyValueFormat' },
    negative: 'FROM alpine\nENV A=1 B="x y"\nLABEL b=c\n',
  },
  {
    rule: 'workdir-relative-path',
    check: 'WorkdirRelativePath',
    positive: 'FROM alpine\nWORKDIR app\nWORKDIR sub\n',
    lines: [1],
    data: { messageId: 'relative', path: 'app', buildkitCheck: 'WorkdirRelativePath' },
    negative: 'FROM alpine AS base\nWORKDIR /app\nWORKDIR sub\nFROM base\nWORKDIR more\n',
  },
  {
    rule: 'undefined-var',
    check: 'UndefinedVar',
    positive: 'FROM alpine\nENV A=$B\nARG C\nCOPY $C $D /x\nENV E=1 F=$E\nRUN echo $NOT_EXPANDED\n',
    lines: [1, 3, 4],
    data: { messageId: 'undefined', name: 'B', hint: '', buildkitCheck: 'UndefinedVar' },
    negative: 'FROM alpine AS base\nENV X=1\nARG Y\nFROM base\nLABEL x=$X y=$Y p=$PATH\nRUN echo $Z\n',
  },
  {
    rule: 'redundant-target-platform',
    check: 'RedundantTargetPlatform',
    positive: 'FROM --platform=$TARGETPLATFORM alpine\nFROM --platform=${TARGETPLATFORM} alpine\n',
    lines: [0, 1],
    negative: 'FROM --platform=$BUILDPLATFORM alpine\nFROM --platform=${TARGETPLATFORM:+x} alpine\n',
  },
  {
    rule: 'from-platform-flag-const-disallowed',
    check: 'FromPlatformFlagConstDisallowed',
    positive: 'FROM --platform=linux/amd64 alpine AS build\n',
    lines: [0],
    data: { messageId: 'constant', platform: 'linux/amd64', buildkitCheck: 'FromPlatformFlagConstDisallowed' },
    negative: 'FROM --platform=linux/arm64 alpine AS build-arm64\nFROM --platform=$BUILDPLATFORM alpine\nFROM --platform=nonsense/x/y/z alpine\n',
  },
  {
    rule: 'expose-proto-casing',
    check: 'ExposeProtoCasing',
    positive: 'FROM alpine\nEXPOSE 80/TCP 53/udp\n',
    lines: [1],
    data: { messageId: 'casing', port: '80/TCP', fixed: '80/tcp', buildkitCheck: 'ExposeProtoCasing' },
    negative: 'FROM alpine\nEXPOSE 80/tcp 53/udp 3000 $PORT\n',
  },
  {
    rule: 'expose-invalid-format',
    check: 'ExposeInvalidFormat',
    positive: 'FROM alpine\nEXPOSE 8080:80\nEXPOSE 127.0.0.1:9000:9000/udp\n',
    lines: [1, 2],
    data: { messageId: 'mapping', port: '8080:80', container: '80', buildkitCheck: 'ExposeInvalidFormat' },
    negative: 'FROM alpine\nEXPOSE 80 8000-8010/tcp\n',
  },
  {
    rule: 'no-empty-continuation',
    check: 'NoEmptyContinuation',
    positive: 'FROM alpine\nRUN echo \\\n\n  hi\n',
    lines: [2],
    negative: 'FROM alpine\nRUN echo \\\n# a comment line is fine\n  hi\nRUN echo last \\\n',
  },
  {
    rule: 'invalid-default-arg-in-from',
    check: 'InvalidDefaultArgInFrom',
    // `ARG V` after the first FROM belongs to that stage: FROM lines do not see it.
    positive: 'ARG IMAGE\nFROM $IMAGE\nARG V\nFROM busybox:$V\n',
    lines: [1, 3],
    data: { messageId: 'empty', written: '$IMAGE', names: 'IMAGE', buildkitCheck: 'InvalidDefaultArgInFrom' },
    negative: 'ARG IMAGE=alpine\nARG V=1.36\nFROM $IMAGE AS a\nFROM busybox:$V\nFROM a\n',
  },
  {
    rule: 'invalid-definition-description',
    check: 'InvalidDefinitionDescription',
    positive: '# check=experimental=InvalidDefinitionDescription\n# the version\nARG VERSION=1\nFROM alpine\n',
    lines: [2],
    data: { messageId: 'description', keyword: 'ARG', name: 'VERSION', buildkitCheck: 'InvalidDefinitionDescription' },
    negative: '# check=experimental=all\n# VERSION pins the tool\nARG VERSION=1\n# builder compiles\nFROM alpine AS builder\n',
  },
];

for (const c of CASES) {
  test(`${c.rule} (BuildKit ${c.check}): reports the positive case`, () => {
    const ds = diagnosticsOf(c.rule, c.positive, { settings: { rules: c.settings as never } });
    assert.deepEqual([...new Set(ds.map((d) => d.range.start.line))], c.lines);
    assert.equal(ruleById(c.rule)?.buildkitCheck, c.check);
    for (const d of ds) assert.equal((d.data as { buildkitCheck?: string }).buildkitCheck, c.check);
    if (c.data) assert.deepEqual(ds[0].data, c.data);
  });
  test(`${c.rule} (BuildKit ${c.check}): silent on the negative case`, () => {
    assert.deepEqual(diagnosticsOf(c.rule, c.negative).map((d) => d.range.start.line), []);
  });
  test(`${c.rule} (BuildKit ${c.check}): # check=skip=${c.check} and skip=all silence it`, () => {
    const strip = c.positive.replace(/^# check=.*\n/, '');
    assert.ok(diagnosticsOf(c.rule, `# check=experimental=all\n${strip}`).length > 0);
    assert.deepEqual(diagnosticsOf(c.rule, `# check=skip=${c.check};experimental=all\n${strip}`), []);
    assert.deepEqual(diagnosticsOf(c.rule, `# check=skip=all;experimental=all\n${strip}`), []);
  });
}

test('# check=error=true makes every BuildKit check finding an error; our own rules keep their severity', () => {
  const text = '# check=error=true\nFROM alpine AS Build\nMAINTAINER me\nFROM alpine AS unused\n';
  const { diagnostics } = analyze(text);
  const checks = diagnostics.filter((d) => (d.data as { buildkitCheck?: string } | undefined)?.buildkitCheck);
  assert.deepEqual(checks.map((d) => [d.code, d.severity]), [['stage-name-casing', DiagnosticSeverity.Error], ['maintainer-deprecated', DiagnosticSeverity.Error]]);
  assert.ok(diagnostics.some((d) => d.code === 'unreachable-stage' && d.severity !== DiagnosticSeverity.Error));
  assert.ok(analyze(text.replace('error=true', 'error=false')).diagnostics.every((d) => d.severity !== DiagnosticSeverity.Error));
});

test('InvalidDefinitionDescription is off unless the directive or a setting turns it on', () => {
  const text = '# the version\nARG VERSION=1\nFROM alpine\n';
  assert.deepEqual(diagnosticsOf('invalid-definition-description', text), []);
  assert.equal(diagnosticsOf('invalid-definition-description', text, { settings: { rules: { 'invalid-definition-description': 'warning' } } }).length, 1);
});

test('ConsistentInstructionCasing: mixed-case keywords never match; a tie goes to uppercase', () => {
  assert.deepEqual(diagnosticsOf('consistent-instruction-casing', 'From alpine\nFROM alpine\n').map((d) => d.range.start.line), [0]);
  assert.deepEqual(diagnosticsOf('consistent-instruction-casing', 'from alpine\nRUN x\n').map((d) => d.range.start.line), [0]);
});

test('quick fixes: casing, protocol, redundant platform, legacy ENV', () => {
  assert.equal(applyFix('consistent-instruction-casing', 'FROM alpine\nrun echo\nRUN x\n'), 'FROM alpine\nRUN echo\nRUN x\n');
  assert.equal(applyFix('expose-proto-casing', 'FROM alpine\nEXPOSE 80/TCP\n'), 'FROM alpine\nEXPOSE 80/tcp\n');
  assert.equal(applyFix('redundant-target-platform', 'FROM --platform=$TARGETPLATFORM alpine\n'), 'FROM alpine\n');
  assert.equal(applyFix('legacy-key-value-format', 'FROM alpine\nENV A hello world\n'), 'FROM alpine\nENV A="hello world"\n');
});

test('copy-ignored-file (BuildKit CopyIgnoredFile): ignored sources, exceptions turn the check off, skip silences it', () => {
  const text = 'FROM node:20\nCOPY node_modules /app/node_modules\nCOPY logs/app.log ./\nCOPY src ./src\nCOPY . .\nCOPY --from=deps node_modules ./\nADD https://example.com/x.tgz /\n';
  const dockerignore = '# generated\nnode_modules\n/logs\n*.md\n';
  const ds = diagnosticsOf('copy-ignored-file', text, { files: { dockerignore } });
  assert.deepEqual(ds.map((d) => [d.range.start.line, (d.data as { path: string }).path]), [[1, 'node_modules'], [2, 'logs/app.log']]);
  assert.equal((ds[0].data as { buildkitCheck: string }).buildkitCheck, 'CopyIgnoredFile');
  assert.deepEqual(diagnosticsOf('copy-ignored-file', text, { files: { dockerignore: dockerignore + '!node_modules/keep\n' } }), []);
  assert.deepEqual(diagnosticsOf('copy-ignored-file', text, { files: {} }), [], 'no .dockerignore known');
  assert.deepEqual(diagnosticsOf('copy-ignored-file', '# check=skip=CopyIgnoredFile\n' + text, { files: { dockerignore } }), []);
  assert.deepEqual(diagnosticsOf('copy-ignored-file', 'FROM a\nCOPY . /x\n', { files: { dockerignore: '**\n' } }).map((d) => d.range.start.line), [1], '. when everything is ignored');
  assert.deepEqual(diagnosticsOf('copy-ignored-file', 'FROM a\nCOPY docs/a/b.md /x\nCOPY src/deep/x.go /y\n', { files: { dockerignore: 'docs/**\n**/x.go\n' } }).map((d) => d.range.start.line), [1, 2]);
});

test('a `${NAME:x}` modifier BuildKit rejects (the build fails there) is no undefined variable and no invalid FROM', () => {
  const text = 'ARG VARIANT=${opt:variant}\nFROM alpine:${VARIANT}\nARG ZSH="${opt:zsh}"\nLABEL a="${opt:a}"\nFROM alpine:3-${opt:v}\nRUN echo ${HOSTNAME:0:3}\n';
  assert.deepEqual(diagnosticsOf('undefined-var', text), []);
  assert.deepEqual(diagnosticsOf('undefined-arg-in-from', text), []);
  assert.deepEqual(diagnosticsOf('invalid-default-arg-in-from', text), []);
});

test("quotes in a modifier's word are removed, as BuildKit's lexer does: `${X:-\"v\"}` is v", () => {
  assert.deepEqual(diagnosticsOf('invalid-default-arg-in-from', 'ARG Q=${UNSET:-"quoted"}\nARG R=${Q:+\'r\'}\nFROM alpine:${Q}\nFROM alpine:${R}\n'), []);
  assert.equal(diagnosticsOf('invalid-default-arg-in-from', 'ARG Q=${UNSET:-"a b"}\nFROM alpine:${Q}\n').length, 1);
});

test('WORKDIR: a drive path is absolute (only a Windows build writes one); a relative one still reports', () => {
  assert.deepEqual(diagnosticsOf('workdir-relative-path', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:/app\nFROM alpine\nWORKDIR "C:\\\\Program Files"\n'), []);
  assert.equal(diagnosticsOf('workdir-relative-path', 'FROM alpine\nWORKDIR app\n').length, 1);
});

test('InvalidDefinitionDescription: parser directives end at the first other line, so `# syntax=` after a blank line is a comment', () => {
  const on = { settings: { rules: { 'invalid-definition-description': 'warning' } } } as never;
  assert.equal(diagnosticsOf('invalid-definition-description', '\n# syntax=docker/dockerfile:1\n\nARG V=1\nFROM alpine\n', on).length, 1);
  assert.deepEqual(diagnosticsOf('invalid-definition-description', '# syntax=docker/dockerfile:1\n# check=skip=none\n\nARG V=1\nFROM alpine\n', on), []);
});

test('`# check=skip=…` above one instruction skips those checks for that instruction only (BuildKit merges its comments)', () => {
  const text = 'FROM alpine\n# check=skip=JSONArgsRecommended\nCMD mycommand\nENTRYPOINT other\n# check=skip=all // only this one\nENV A b\nENV C d\n';
  const found = analyze(text).diagnostics.filter((d) => (d.data as { buildkitCheck?: string }).buildkitCheck).map((d) => [d.range.start.line, (d.data as { buildkitCheck: string }).buildkitCheck]);
  assert.deepEqual(found, [[3, 'JSONArgsRecommended'], [6, 'LegacyKeyValueFormat']]);
  // File-wide checks ignore an instruction's comment (ConsistentInstructionCasing runs over the whole file).
  assert.equal(diagnosticsOf('consistent-instruction-casing', 'FROM alpine\n# check=skip=ConsistentInstructionCasing\nrun x\nRUN y\n').length, 1);
});

test('SecretsUsedInArgOrEnv: public, file and version anywhere in the name are not secrets (BuildKit allow list)', () => {
  assert.deepEqual(diagnosticsOf('secret-in-arg-or-env', 'FROM alpine\nARG AUTH_MODULE_VERSION\nARG SECRET_FILE_NAME\nARG PUBLIC_TOKEN\n'), []);
  assert.equal(diagnosticsOf('secret-in-arg-or-env', 'FROM alpine\nARG DB_PASSWORD\n').length, 1);
});
