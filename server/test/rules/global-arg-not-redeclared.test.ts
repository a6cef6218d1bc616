import { test } from 'node:test';
import { analysisOf } from '../../src/service/analysis';
import assert from 'node:assert/strict';
import { analyze, applyAction, applyFix, assertClean, assertSays, diagnosticsOf, fixesOf, fmt, rangeOf, saysOf } from './ruleTestKit';
import { fixAllAction } from '../../src/service/codeActions';

const text = 'ARG VERSION=1.2\nFROM alpine AS build\nRUN echo "building $VERSION"\nLABEL version=${VERSION}\n';

test('global-arg-not-redeclared: a global ARG read in a stage that does not redeclare it', () => {
  const [d, ...rest] = diagnosticsOf('global-arg-not-redeclared', text);
  assert.equal(rest.length, 0, 'one finding per stage and name');
  assert.equal(fmt(d.range), fmt(rangeOf(text, '$VERSION')));
  assert.equal(d.severity, 2);
  assertSays(d, 'notRedeclared', { name: 'VERSION', line: 1, stage: 0, stageRef: "stage 'build'" });
  assert.deepEqual(d.relatedInformation?.map((r) => fmt(r.location.range)), [fmt(rangeOf(text, 'VERSION'))]);
});

test('global-arg-not-redeclared: every place BuildKit substitutes, and heredoc scripts, count', () => {
  for (const line of ['ENV V=$VERSION', 'COPY app-${VERSION}.tar /app/', 'WORKDIR /opt/$VERSION', 'USER $VERSION', 'RUN --mount=type=cache,target=/c/$VERSION true', 'RUN <<EOF\necho $VERSION\nEOF', 'RUN cat > /v <<EOF\n$VERSION\nEOF', 'ARG OTHER=$VERSION']) {
    const t = `ARG VERSION=1\nFROM alpine\n${line}\n`;
    assert.equal(diagnosticsOf('global-arg-not-redeclared', t).length, 1, line);
  }
});

test('global-arg-not-redeclared: automatic platform ARGs need ARG inside the stage', () => {
  const t = 'FROM --platform=$BUILDPLATFORM golang AS build\nRUN GOOS=$TARGETOS go build\n';
  assert.deepEqual(saysOf('global-arg-not-redeclared', t, ['name', 'stageRef']), [
    `${fmt(rangeOf(t, '$TARGETOS'))} automaticPlatformArg {"name":"TARGETOS","stageRef":"stage 'build'"}`,
  ]);
});

test('global-arg-not-redeclared: silent where the value is really there or not read', () => {
  const cases = [
    'ARG V=1\nFROM alpine\nARG V\nRUN echo $V',
    'ARG V=1\nFROM alpine AS parent\nARG V\nFROM parent\nRUN echo $V',
    'ARG V=1\nFROM alpine AS parent\nENV V=2\nFROM parent\nRUN echo $V',
    'ARG V=1\nFROM alpine:$V\nCMD echo $V',
    "ARG V=1\nFROM alpine\nRUN echo '$V'",
    'ARG V=1\nFROM alpine\nRUN echo \\$V',
    'ARG V=1\nFROM alpine\nRUN for V in a b; do echo $V; done',
    'ARG V=1\nFROM alpine\nRUN V=2 && echo $V',
    'ARG V=1\nFROM alpine\nRUN echo ${V:-default}',
    'ARG V=1\nFROM alpine\n# echo $V\nRUN true \\\n  # $V in a comment\n  && true',
    "ARG V=1\nFROM alpine\nRUN cat > /x <<'EOF'\n$V\nEOF",
    'ARG HTTP_PROXY\nFROM alpine\nRUN echo $HTTP_PROXY',
    'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}\nRUN echo $NODE_VERSION',
    'ARG TARGETARCH\nFROM alpine\nARG TARGETARCH\nRUN echo $TARGETARCH',
    'ARG GO_VERSION\nFROM alpine\nARG TARGETOS TARGETARCH\nRUN echo $TARGETOS $TARGETARCH',
    'ARG V=1\nFROM alpine\nRUN ["sh", "-c", "echo $V"]',
    '# escape=`\nARG V=1\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo $V',
    'ARG V=1\nFROM alpine\nSHELL ["pwsh", "-Command"]\nRUN echo $V',
    'ARG V=1\nFROM alpine\nRUN echo $W',
  ];
  for (const c of cases) assertClean(c + '\n', ['global-arg-not-redeclared']);
});

test('global-arg-not-redeclared: the fix adds ARG at the top of the stage; fix-all adds each once', () => {
  assert.deepEqual(fixesOf('global-arg-not-redeclared', text).map((f) => [f.title, f.isPreferred]), [["Add 'ARG VERSION' to stage 'build'", true]]);
  const fixed = applyFix('global-arg-not-redeclared', text);
  assert.equal(fixed, 'ARG VERSION=1.2\nFROM alpine AS build\nARG VERSION\nRUN echo "building $VERSION"\nLABEL version=${VERSION}\n');
  assertClean(fixed);
  const two = 'ARG A=1\r\nARG B=2\r\nFROM alpine\r\nRUN echo $A $B\r\n';
  const { model, diagnostics, settings, files } = analyze(two);
  const all = fixAllAction({ model, settings, files, analysis: analysisOf(model) }, diagnostics);
  assert.ok(all);
  assert.equal(applyAction(two, all), 'ARG A=1\r\nARG B=2\r\nFROM alpine\r\nARG A\r\nARG B\r\nRUN echo $A $B\r\n');
});
