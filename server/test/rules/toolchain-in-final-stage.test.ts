import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, assertSays, diagnosticsOf, fixesOf, fmt, rangeOf } from './ruleTestKit';

const single = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD ["/out/app"]\n';

test('toolchain-in-final-stage: the target runs on a toolchain image', () => {
  const [d] = diagnosticsOf('toolchain-in-final-stage', single);
  assert.equal(fmt(d.range), fmt(rangeOf(single, 'golang:1.22')));
  assert.equal(d.severity, 3);
  assertSays(d, 'toolchainImage', { stage: 0, label: '(stage 0)', image: 'golang:1.22' });
  const viaArg = 'ARG NODE=20\nFROM node:${NODE} AS base\nFROM base AS app\nCMD ["node", "."]\n';
  assertSays(diagnosticsOf('toolchain-in-final-stage', viaArg)[0], 'toolchainImage', { image: 'node:20' });
});

test('toolchain-in-final-stage: the target installs compilers it keeps', () => {
  const text = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y build-essential libpq5\nCMD ["app"]\n';
  const [d] = diagnosticsOf('toolchain-in-final-stage', text);
  assert.equal(fmt(d.range), fmt(rangeOf(text, 'build-essential')));
  assertSays(d, 'buildTools', { stage: 0, packages: 'build-essential' });
});

test('toolchain-in-final-stage: runtime images, builder stages, removed build deps and tool targets are silent', () => {
  const cases = [
    'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app',
    'FROM node:20-slim\nCMD ["node", "."]',
    'FROM node:20-alpine\nCMD ["node", "."]',
    'FROM eclipse-temurin:21-jre\nCMD ["java", "-jar", "app.jar"]',
    'FROM python:3.12\nCMD ["python", "app.py"]',
    'FROM alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && make && apk del .build-deps',
    'FROM golang:1.22 AS dev\nCMD ["go", "run", "."]',
    'FROM alpine AS app\nFROM golang:1.22 AS test\nRUN go test ./...\nFROM app',
    'FROM golang:1.22 AS validate\nRUN go vet ./...\nCMD ["true"]',
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y gcc\nRUN gcc -static t.c -o /t',
    'FROM golang:1.22\nRUN go build ./...',
  ];
  for (const c of cases) assertClean(c + '\n', ['toolchain-in-final-stage']);
});

test('toolchain-in-final-stage: the fix extracts a builder stage; the result is clean', () => {
  // One action per title: the quick fix is the refactor's own action.
  assert.deepEqual(fixesOf('toolchain-in-final-stage', single).map((f) => f.title), ['Extract builder stage (Go: /out/app) — check the marked line: run-time files unknown']);
  const fixed = applyFix('toolchain-in-final-stage', single);
  assert.match(fixed, /AS builder/);
  assert.deepEqual(diagnosticsOf('toolchain-in-final-stage', fixed), []);
  assertClean(fixed);
});

test('toolchain-in-final-stage: naming the shipped stage `build` does not silence it', () => {
  const named = 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD ["/out/app"]\n';
  assert.equal(diagnosticsOf('toolchain-in-final-stage', named).length, 1);
  const fixed = applyFix('toolchain-in-final-stage', named);
  assert.match(fixed, /^FROM golang:1\.22 AS build\n/, 'the builder keeps the builder-like name');
  assert.match(fixed, /\nFROM gcr\.io\/distroless\/static-debian12:nonroot\n/, 'the runtime, used by nothing, is unnamed');
  assert.deepEqual(diagnosticsOf('toolchain-in-final-stage', fixed), []);
});
