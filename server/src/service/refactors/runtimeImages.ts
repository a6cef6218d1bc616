/**
 * The runtime base image for each toolchain image: the table "Extract builder stage" uses, and the
 * `runtimeImages` setting that overrides it (keyed by toolchain image name, e.g. `golang`; `${tag}` in
 * the value is replaced by the toolchain's tag).
 */
import type { Settings } from '../../protocol';
import type { EcosystemId } from './ecosystems/types';
import { parseImageRef, type ImageRef } from '../facts/images';

export interface Toolchain {
  /** Repository of the toolchain image (`golang`, `mcr.microsoft.com/dotnet/sdk`). */
  image: string;
  ecosystem?: EcosystemId;
  /** Runtime image for a toolchain tag; undefined when the tag already names a runtime (e.g. `21-jre`). */
  runtime(tag: string): string | undefined;
  /** The WORKDIR the toolchain image starts in, when it is not `/`. */
  workdir?: string;
}

const ALPINE = '3.20';
const JAVA = '21';

const alpineFromTag = (tag: string) => `alpine:${/alpine(\d+\.\d+|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)/.exec(tag)?.[1] ?? ALPINE}`;
const debianSuite = (tag: string) => /(bookworm|bullseye|buster|trixie)/.exec(tag)?.[1] ?? 'bookworm';
const VERSION = String.raw`(\d+|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)`;
/**
 * The Java feature version in a tag: after `temurin-` or `jdk` (`3.9-eclipse-temurin-21`, `8.8-jdk17`),
 * else leading for JDK images (`21-jdk`); a variable (`${JAVA_VERSION}`) is kept.
 */
const javaVersion = (tag: string, leading: boolean) =>
  new RegExp(`(?:temurin-|jdk-?)${VERSION}`).exec(tag)?.[1] ?? (leading ? new RegExp(`^${VERSION}`).exec(tag)?.[1] : undefined) ?? JAVA;
const jreVariant = (tag: string) => /-(alpine|jammy|noble|focal|ubi9-minimal)\b/.exec(tag)?.[1];
const temurinJre = (leading: boolean) => (tag: string) => {
  const variant = jreVariant(tag);
  return `eclipse-temurin:${javaVersion(tag, leading)}-jre${variant ? '-' + variant : ''}`;
};
/** `20` → `20-slim`, `20-bookworm` → `20-bookworm-slim`; alpine and slim tags stay as they are. */
const nodeSlim = (tag: string) => (tag === '' || tag === 'latest' ? 'node:slim' : /alpine|slim/.test(tag) ? `node:${tag}` : `node:${tag}-slim`);
/** `3.12` → `3.12-slim`, `3.12-bookworm` → `3.12-slim-bookworm`. */
const pythonSlim = (tag: string) => {
  if (tag === '' || tag === 'latest') return 'python:slim';
  if (/alpine|slim/.test(tag)) return `python:${tag}`;
  const suite = /-(bookworm|bullseye|buster|trixie)$/.exec(tag);
  return suite ? `python:${tag.slice(0, suite.index)}-slim-${suite[1]}` : `python:${tag}-slim`;
};
const glibcOrMusl = (tag: string) => (tag.includes('alpine') ? alpineFromTag(tag) : `debian:${debianSuite(tag)}-slim`);

export const toolchains: Toolchain[] = [
  { image: 'golang', ecosystem: 'go', workdir: '/go', runtime: alpineFromTag },
  { image: 'node', ecosystem: 'node', runtime: nodeSlim },
  { image: 'python', ecosystem: 'python', runtime: pythonSlim },
  { image: 'rust', ecosystem: 'rust', runtime: glibcOrMusl },
  { image: 'maven', ecosystem: 'java', runtime: temurinJre(false) },
  { image: 'gradle', ecosystem: 'java', workdir: '/home/gradle', runtime: temurinJre(false) },
  { image: 'eclipse-temurin', ecosystem: 'java', runtime: (tag) => (/jre/.test(tag) ? undefined : temurinJre(true)(tag)) },
  { image: 'openjdk', ecosystem: 'java', runtime: (tag) => (/jre/.test(tag) ? undefined : temurinJre(true)(tag)) },
  { image: 'amazoncorretto', ecosystem: 'java', runtime: temurinJre(true) },
  { image: 'mcr.microsoft.com/dotnet/sdk', ecosystem: 'dotnet', runtime: (tag) => `mcr.microsoft.com/dotnet/aspnet${tag ? ':' + tag : ''}` },
  { image: 'gcc', ecosystem: 'cxx', runtime: glibcOrMusl },
  {
    image: 'buildpack-deps',
    runtime: (tag) => {
      const ubuntu = /(focal|jammy|noble)/.exec(tag)?.[1];
      return ubuntu ? `ubuntu:${ubuntu}` : `debian:${debianSuite(tag)}-slim`;
    },
  },
];

export interface RuntimeChoice {
  image: string;
  /** The toolchain entry the base image matched (also when it is already a runtime image, e.g. `node:20-slim`). */
  toolchain?: Toolchain;
  /** The base is a toolchain image whose runtime image is a different one (golang → alpine). */
  isToolchain: boolean;
  /** The image came from the `runtimeImages` setting. */
  fromSettings: boolean;
}

export function toolchainFor(ref: ImageRef): Toolchain | undefined {
  return toolchains.find((t) => t.image === ref.repository);
}

/**
 * The runtime image for a stage built on `written` (as written; `expanded` after ARG defaults, used to
 * recognize the image when its name holds a variable). An unknown image is its own runtime.
 */
export function runtimeImageFor(written: string, expanded: string, settings: Settings): RuntimeChoice {
  const asWritten = parseImageRef(written);
  const ref = asWritten.repository.includes('$') ? parseImageRef(expanded) : asWritten;
  const override = settingFor(ref, settings);
  const toolchain = toolchainFor(ref);
  const image = override !== undefined ? override.split('${tag}').join(ref.tag) : toolchain?.runtime(ref.tag) ?? written;
  return { image, toolchain, isToolchain: !!toolchain && image !== written, fromSettings: override !== undefined };
}

function settingFor(ref: ImageRef, settings: Settings): string | undefined {
  for (const [key, value] of Object.entries(settings.runtimeImages ?? {})) {
    if (typeof value === 'string' && value !== '' && parseImageRef(key).repository === ref.repository) return value;
  }
  return undefined;
}

/** Which package manager a runtime image has: `apk` (Alpine), `none` (scratch, distroless) or `apt`. */
export function imageFamily(image: string): 'apk' | 'apt' | 'none' {
  const ref = parseImageRef(image);
  if (ref.repository === 'scratch' || ref.repository.includes('distroless')) return 'none';
  return ref.repository === 'alpine' || ref.tag.includes('alpine') ? 'apk' : 'apt';
}

/** A plain image of the family a runtime RUN needs, when the chosen runtime lacks its package manager. */
export function imageForPackageManager(manager: 'apk' | 'apt'): string {
  return manager === 'apk' ? `alpine:${ALPINE}` : 'debian:bookworm-slim';
}
