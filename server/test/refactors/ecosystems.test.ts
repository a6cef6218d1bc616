/** Artifact inference per ecosystem, through the plan "Extract builder stage" makes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../src/service/model';
import type { ContextFiles } from '../../src/service/refactors/ecosystems/types';
import { planExtraction } from '../../src/service/refactors/extractPlan';
import { binariesInManifest } from '../../src/service/refactors/ecosystems/rust';
import { withDefaults } from '../../src/protocol';

const df = (...lines: string[]) => lines.join('\n') + '\n';
const filesOf = (files: Record<string, string>): ContextFiles => ({ read: (p) => files[p] });

/** `source -> target` of each artifact (`?` marks a guess), and the runtime image. */
function plan(text: string, files?: Record<string, string>, settings = {}) {
  const model = buildModel(text);
  const p = planExtraction(model, model.stages.length - 1, withDefaults(settings), files && filesOf(files));
  if (p && 'refusal' in p) return { refusal: p.refusal, artifacts: [] as string[], runtime: '', ecosystem: p.ecosystem?.id };
  return p && { artifacts: p.artifacts.map((a) => `${a.source}${a.source === a.target ? '' : ' -> ' + a.target}${a.guessed ? ' ?' : ''}`), runtime: p.runtime.image, ecosystem: p.ecosystem?.id };
}

test('Go: -o, cd in the RUN, package name, module name from go.mod, go install', () => {
  assert.deepEqual(plan(df('FROM golang:1.22', 'WORKDIR /src', 'RUN cd cmd && go build -o ../bin/app .', 'CMD ["/src/bin/app"]'))?.artifacts, ['/src/bin/app']);
  assert.deepEqual(plan(df('FROM golang:1.22', 'WORKDIR /src', 'RUN go build -v ./cmd/api/'))?.artifacts, ['/src/api']);
  assert.deepEqual(plan(df('FROM golang:1.22', 'WORKDIR /src', 'RUN go build .'), { 'go.mod': 'module github.com/acme/orders/v2\n\ngo 1.22\n' })?.artifacts, ['/src/orders']);
  assert.deepEqual(plan(df('FROM golang:1.22', 'WORKDIR /src', 'RUN go build .', 'CMD ["/usr/local/bin/x"]'))?.artifacts, ['/usr/local/bin/x ?']);
  assert.deepEqual(plan(df('FROM golang:1.22', 'RUN go install example.com/tool@latest'))?.artifacts, ['/go/bin']);
  // No WORKDIR: relative paths are relative to golang's /go.
  assert.deepEqual(plan(df('FROM golang:1.22', 'COPY . .', 'RUN go build -o app .'))?.artifacts, ['/go/app']);
});

test('Node: output folder from CMD, package.json scripts, tsconfig.json; dist as a marked guess', () => {
  const base = ['FROM node:20', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .'];
  assert.deepEqual(plan(df(...base, 'RUN npm run build:prod', 'CMD ["node", "./out/main.js"]'))?.artifacts, ['/app/out']);
  assert.deepEqual(plan(df(...base, 'RUN npm run build', 'CMD ["npm", "start"]'), { 'package.json': '{"scripts": {"build": "tsc"}}', 'tsconfig.json': '{\n  // comment\n  "compilerOptions": { "outDir": "./lib", },\n}' })?.artifacts, ['/app/lib']);
  assert.deepEqual(plan(df(...base, 'RUN npm run build', 'CMD ["npm", "start"]'), { 'package.json': '{"scripts": {"build": "next build"}}' })?.artifacts, ['/app/.next']);
  assert.deepEqual(plan(df(...base, 'RUN npm run build', 'CMD ["npm", "start"]'))?.artifacts, ['/app/dist ?']);
  assert.equal(plan(df(...base, 'RUN npm test', 'CMD ["npm", "start"]'))?.ecosystem, undefined, 'no build: nothing recognized');
});

test('Python: an existing venv is reused, --target and --user are copied as they are', () => {
  assert.deepEqual(plan(df('FROM python:3.12', 'ENV VIRTUAL_ENV=/venv', 'RUN python -m venv $VIRTUAL_ENV && pip install -r r.txt'))?.artifacts, ['/venv']);
  assert.deepEqual(plan(df('FROM python:3.12', 'WORKDIR /w', 'RUN python3 -m venv .venv', 'RUN .venv/bin/pip install flask'))?.artifacts.length, 1);
  assert.deepEqual(plan(df('FROM python:3.12', 'WORKDIR /w', 'RUN pip install --target=deps -r requirements.txt'))?.artifacts, ['/w/deps']);
  assert.deepEqual(plan(df('FROM python:3.12', 'RUN pip install --user flask'))?.artifacts, ['/root/.local']);
  // Installing only packaging tools is no build.
  assert.equal(plan(df('FROM python:3.12', 'RUN pip install --upgrade pip setuptools wheel'))?.ecosystem, undefined);
});

test('Rust: --bin, [[bin]] from Cargo.toml, --target and --target-dir, cargo install --root', () => {
  const toml = '[package]\nname = "pkg"\n\n[[bin]]\nname = "cli" # the command\npath = "src/cli.rs"\n\n[[bin]]\nname = \'daemon\'\n';
  assert.deepEqual(binariesInManifest(toml), ['cli', 'daemon']);
  assert.deepEqual(binariesInManifest('[package]\nname = "solo"\n'), ['solo']);
  assert.deepEqual(plan(df('FROM rust:1.79', 'WORKDIR /b', 'RUN cargo build --release --bin a --bin=b'))?.artifacts, ['/b/target/release/a', '/b/target/release/b']);
  assert.deepEqual(plan(df('FROM rust:1.79', 'WORKDIR /b', 'RUN cargo build --profile dist --target x86_64-unknown-linux-musl --target-dir /t'), { 'Cargo.toml': toml })?.artifacts, [
    '/t/x86_64-unknown-linux-musl/dist/cli',
    '/t/x86_64-unknown-linux-musl/dist/daemon',
  ]);
  assert.deepEqual(plan(df('FROM rust:1.79', 'WORKDIR /b', 'RUN cargo install --path . --root /out'), { 'Cargo.toml': toml })?.artifacts, ['/out/bin/cli', '/out/bin/daemon']);
});

test('Java, .NET and C/C++ artifacts', () => {
  assert.deepEqual(plan(df('FROM maven:3.9-eclipse-temurin-21', 'WORKDIR /w', 'RUN mvn -f api/pom.xml package'))?.artifacts, ['/w/api/target/*.jar -> /w/api/target/']);
  assert.deepEqual(plan(df('FROM maven:3.9-eclipse-temurin-21', 'WORKDIR /w', 'RUN mvn package && cp target/*.jar app.jar', 'CMD ["java", "-jar", "app.jar"]'))?.artifacts, ['/w/app.jar']);
  assert.deepEqual(plan(df('FROM gradle:8-jdk21', 'WORKDIR /p', 'RUN ./gradlew :app:installDist'))?.artifacts, ['/p/build/install']);
  assert.deepEqual(plan(df('FROM mcr.microsoft.com/dotnet/sdk:8.0', 'WORKDIR /src', 'RUN dotnet publish Api/Api.csproj -c Release'), { 'Api/Api.csproj': '<Project><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>' })?.artifacts, ['/src/Api/bin/Release/net8.0/publish']);
  assert.deepEqual(plan(df('FROM mcr.microsoft.com/dotnet/sdk:8.0', 'WORKDIR /src', 'RUN dotnet publish Api/Api.csproj'))?.artifacts, ['/src/Api/bin/Release ?']);
  assert.deepEqual(plan(df('FROM gcc:13', 'WORKDIR /c', 'RUN gcc -O2 -o hello hello.c', 'CMD ["./hello"]'))?.artifacts, ['/c/hello']);
  assert.deepEqual(plan(df('FROM gcc:13', 'WORKDIR /c', 'RUN make && make install', 'CMD ["hello"]'))?.artifacts, ['/usr/local/bin/hello ?']);
});

test('the runtime image follows what runtime RUNs need, unless the user chose it', () => {
  const text = df('FROM golang:1.22', 'RUN go build -o /app .', 'RUN apk add --no-cache tzdata', 'CMD ["/app"]');
  assert.equal(plan(text)?.runtime, 'alpine:3.20');
  const apt = df('FROM golang:1.22', 'RUN go build -o /app .', 'RUN apt-get update && apt-get install -y tzdata', 'CMD ["/app"]');
  assert.equal(plan(apt)?.runtime, 'debian:bookworm-slim');
  assert.equal(plan(apt, undefined, { runtimeImages: { golang: 'alpine:3.19' } })?.runtime, 'alpine:3.19');
});

test('not offered: not the last stage, no RUN, nothing built on a non-toolchain image', () => {
  const model = buildModel(df('FROM golang:1.22 AS b', 'RUN go build -o /app .', 'FROM alpine', 'COPY --from=b /app /app'));
  assert.equal(planExtraction(model, 0, withDefaults({})), undefined);
  assert.equal(planExtraction(model, 1, withDefaults({})), undefined);
  assert.match(plan(df('FROM golang:1.22', 'COPY . .', 'CMD ["go", "run", "."]'))?.refusal ?? '', /CMD runs go run, which compiles at start-up/);
  assert.equal(plan(df('FROM alpine:3.20', 'RUN apk add --no-cache curl', 'CMD ["curl"]')), undefined);
  assert.ok(plan(df('FROM ubuntu:24.04', 'RUN apt-get update && apt-get install -y build-essential', 'COPY . /src', 'RUN make -C /src', 'CMD ["/src/app"]')));
});
