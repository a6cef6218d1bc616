import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseImageRef } from '../../src/service/facts/images';
import { distroOf, imageFamily, runtimeImageFor, type RuntimeNeeds } from '../../src/service/refactors/runtimeImages';
import { withDefaults } from '../../src/protocol';

const NEEDS: RuntimeNeeds = { dynamicLibc: false, shell: false, packages: false, hasUser: false };
const runtime = (image: string, settings = withDefaults({}), needs: Partial<RuntimeNeeds> = {}) => {
  const choice = runtimeImageFor(image, image, settings, { ...NEEDS, ...needs });
  return choice.refusal ? `refused: ${choice.refusal}` : choice.image;
};

test('image references split into repository, tag and digest, Docker Hub prefixes dropped', () => {
  assert.deepEqual(parseImageRef('docker.io/library/golang:1.22@sha256:abc'), { repository: 'golang', tag: '1.22', digest: 'sha256:abc' });
  assert.deepEqual(parseImageRef('localhost:5000/team/app'), { repository: 'localhost:5000/team/app', tag: '' });
  assert.deepEqual(parseImageRef('MCR.microsoft.com/dotnet/sdk:8.0-alpine'), { repository: 'mcr.microsoft.com/dotnet/sdk', tag: '8.0-alpine' });
});

test('the runtime table: each toolchain image maps to its runtime image, variants kept', () => {
  const cases: [string, string][] = [
    ['golang:1.22', 'gcr.io/distroless/static-debian12:nonroot'],
    ['golang:1.22-alpine3.19', 'alpine:3.19'],
    ['golang:1.18', 'gcr.io/distroless/static-debian11:nonroot'],
    ['node:20', 'node:20-slim'],
    ['node:20-bookworm', 'node:20-bookworm-slim'],
    ['node:20-alpine', 'node:20-alpine'],
    ['node:${NODE_VERSION}', 'node:${NODE_VERSION}-slim'],
    ['node', 'node:slim'],
    ['python:3.12', 'python:3.12-slim'],
    ['python:3.12-bookworm', 'python:3.12-slim-bookworm'],
    ['rust:1.79', 'gcr.io/distroless/static-debian12:nonroot'],
    ['rust:1.79-bullseye', 'gcr.io/distroless/static-debian11:nonroot'],
    ['rust:1.79-alpine', 'alpine:3.20'],
    ['maven:3.9-eclipse-temurin-21', 'eclipse-temurin:21-jre'],
    ['maven:3.9-eclipse-temurin-17-alpine', 'eclipse-temurin:17-jre-alpine'],
    ['maven:3.9-eclipse-temurin-${JAVA_VERSION}', 'eclipse-temurin:${JAVA_VERSION}-jre'],
    ['gradle:8.8-jdk17-jammy', 'eclipse-temurin:17-jre-jammy'],
    ['eclipse-temurin:21-jdk', 'eclipse-temurin:21-jre'],
    ['openjdk:17-jdk-slim', 'eclipse-temurin:17-jre'],
    ['mcr.microsoft.com/dotnet/sdk:8.0', 'mcr.microsoft.com/dotnet/aspnet:8.0'],
    ['gcc:13', 'gcr.io/distroless/cc-debian12:nonroot'],
    ['buildpack-deps:jammy', 'ubuntu:jammy'],
    ['ubuntu:24.04', 'ubuntu:24.04'],
    ['maven:3.6-jdk-14', 'eclipse-temurin:17-jre'],
    ['eclipse-temurin:21-jre', 'refused: eclipse-temurin:21-jre is already a JRE image'],
    ['microsoft/dotnet:2.2-sdk', 'refused: microsoft/dotnet is a retired image repository with no vetted runtime image; build FROM mcr.microsoft.com/dotnet/sdk first'],
    ['ruby:3.3', 'ruby:3.3-slim'],
  ];
  for (const [toolchain, expected] of cases) assert.equal(runtime(toolchain), expected, toolchain);
});

test('the libc rule: a dynamically linked build keeps the builder\'s libc family and distro release', () => {
  assert.equal(runtime('golang:1.22-bookworm', undefined, { dynamicLibc: true }), 'gcr.io/distroless/base-debian12:nonroot');
  assert.equal(runtime('golang:1.22-bookworm', undefined, { dynamicLibc: true, packages: true }), 'debian:bookworm-slim');
  assert.equal(runtime('golang:1.21-bullseye', undefined, { dynamicLibc: true, shell: true }), 'debian:bullseye-slim');
  assert.equal(runtime('golang:1.22-alpine3.19', undefined, { dynamicLibc: true }), 'alpine:3.19');
  assert.equal(runtime('rust:1.79', undefined, { dynamicLibc: true }), 'gcr.io/distroless/cc-debian12:nonroot');
  assert.equal(runtime('golang:1.22', undefined, { hasUser: true }), 'gcr.io/distroless/static-debian12');
  assert.deepEqual(distroOf('golang:1.23'), { family: 'debian', release: 'bookworm' });
  assert.deepEqual(distroOf('python:3.12-slim-bullseye'), { family: 'debian', release: 'bullseye' });
});

test('settings.runtimeImages overrides the table by toolchain image name; ${tag} is the toolchain tag', () => {
  const settings = withDefaults({ runtimeImages: { golang: 'gcr.io/distroless/static-debian12', 'docker.io/library/node': 'node:${tag}-alpine' } });
  assert.equal(runtime('golang:1.22', settings), 'gcr.io/distroless/static-debian12');
  assert.equal(runtime('node:20', settings), 'node:20-alpine');
  assert.equal(runtime('python:3.12', settings), 'python:3.12-slim');
  assert.equal(runtimeImageFor('node:20', 'node:20', settings, NEEDS).fromSettings, true);
  // A variable repository is recognized through its expanded value.
  assert.equal(runtimeImageFor('${IMAGE}:1.22', 'golang:1.22', withDefaults({}), NEEDS).image, 'gcr.io/distroless/static-debian12:nonroot');
});

test('image families decide which package manager a runtime has', () => {
  assert.equal(imageFamily('alpine:3.20'), 'apk');
  assert.equal(imageFamily('node:20-alpine'), 'apk');
  assert.equal(imageFamily('gcr.io/distroless/static-debian12'), 'none');
  assert.equal(imageFamily('scratch'), 'none');
  assert.equal(imageFamily('debian:bookworm-slim'), 'apt');
});
