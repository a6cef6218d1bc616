/**
 * What BuildKit's Dockerfile parser accepts per instruction (frontend/dockerfile/instructions/parse.go):
 * the keywords, the flags each takes (every instruction's leading `--words` are flags; one it does
 * not declare fails the build), which flags are booleans or may repeat, and argument counts.
 */
export const KNOWN_INSTRUCTIONS: ReadonlySet<string> = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

export interface FlagSpec {
  boolean?: boolean;
  /** May be given more than once. */
  repeatable?: boolean;
}

export const INSTRUCTION_FLAGS: Readonly<Record<string, Readonly<Record<string, FlagSpec>>>> = {
  FROM: { platform: {} },
  COPY: { chown: {}, from: {}, chmod: {}, link: { boolean: true }, exclude: { repeatable: true }, parents: { boolean: true } },
  ADD: { chown: {}, chmod: {}, link: { boolean: true }, 'keep-git-dir': { boolean: true }, checksum: {}, unpack: { boolean: true }, exclude: { repeatable: true } },
  RUN: { mount: { repeatable: true }, network: {}, security: {}, device: { repeatable: true } },
  HEALTHCHECK: { interval: {}, timeout: {}, 'start-period': {}, 'start-interval': {}, retries: {} },
};

/** Minimum and maximum argument counts (after the flags); the parser's own error otherwise. */
export const ARGUMENT_COUNTS: Readonly<Record<string, { min: number; exactlyOne?: boolean }>> = {
  ENV: { min: 1 },
  LABEL: { min: 1 },
  ARG: { min: 1 },
  MAINTAINER: { min: 1, exactlyOne: true },
  WORKDIR: { min: 1, exactlyOne: true },
  USER: { min: 1, exactlyOne: true },
  STOPSIGNAL: { min: 1, exactlyOne: true },
  EXPOSE: { min: 1 },
  VOLUME: { min: 1 },
  ONBUILD: { min: 1 },
  HEALTHCHECK: { min: 1 },
  SHELL: { min: 1 },
  COPY: { min: 2 },
  ADD: { min: 2 },
  FROM: { min: 1 },
};
