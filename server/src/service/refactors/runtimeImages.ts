/**
 * The ONE vetted table of runtime images "Extract builder stage" may choose: for each toolchain image,
 * the runtime image of the same libc family and distro release (images and tags that exist), or the
 * reason there is none. The `runtimeImages` setting overrides it (keyed by toolchain image name, e.g.
 * `golang`; `${tag}` in the value is replaced by the toolchain's tag).
 */
import type { Settings } from '../../protocol';
import type { EcosystemId } from './ecosystems/types';
import { parseImageRef, type ImageRef } from '../facts/images';

export type DistroFamily = 'debian' | 'ubuntu' | 'alpine';

/** The distribution an image is built on, as far as its name and tag tell. */
export interface Distro {
  family: DistroFamily;
  /** `bookworm`, `jammy`, `3.20`. */
  release: string;
}

/** What the runtime must provide, learned from the build and the image's command. */
export interface RuntimeNeeds {
  /** The build output links the C library dynamically (cgo, a Rust gnu target, C/C++). */
  dynamicLibc: boolean;
  /** The output is linked against the C++ runtime too. */
  cxx?: boolean;
  /** A shell is needed: shell-form CMD/ENTRYPOINT/HEALTHCHECK, or RUNs left in the runtime stage. */
  shell: boolean;
  /** Packages the runtime stage installs (runtime libraries of the -dev packages the build used). */
  packages: boolean;
  /** The app is an ASP.NET Core app (Microsoft.NET.Sdk.Web), else a console app. */
  web?: boolean;
  /** The image already sets USER. */
  hasUser: boolean;
}

export interface RuntimeChoice {
  image: string;
  /** The toolchain entry the base image matched. */
  toolchain?: Toolchain;
  /** The base is a toolchain image whose runtime image is a different one. */
  isToolchain: boolean;
  fromSettings: boolean;
  /** The distro of the runtime image (undefined for distroless/scratch or unknown). */
  distro?: Distro;
  /** The user the runtime image provides for running as non-root, when the stage sets none. */
  nonRootUser?: string;
  /** Why no runtime image can be chosen; the refactor is offered disabled with it. */
  refusal?: string;
}

export interface Toolchain {
  /** Repository of the toolchain image (`golang`, `mcr.microsoft.com/dotnet/sdk`). */
  image: string;
  ecosystem?: EcosystemId;
  /** The WORKDIR the toolchain image starts in, when it is not `/`. */
  workdir?: string;
  /** ENV the toolchain image sets that decides where builds write (golang's GOPATH, rust's CARGO_HOME). */
  env?: Readonly<Record<string, string>>;
  /** The runtime image for a tag, or a refusal. */
  runtime(tag: string, needs: RuntimeNeeds): { image: string; nonRootUser?: string } | { refusal: string };
}

/** Alpine releases with published `alpine:<release>` images. */
const ALPINE_RELEASES = new Set(['3.14', '3.15', '3.16', '3.17', '3.18', '3.19', '3.20', '3.21', '3.22']);
const DEFAULT_ALPINE = '3.20';
const DEBIAN_SUITES: Record<string, string> = { buster: '10', bullseye: '11', bookworm: '12', trixie: '13' };
const UBUNTU = new Set(['focal', 'jammy', 'noble']);
/** Java feature releases with an Eclipse Temurin JRE image (the LTS releases). */
const TEMURIN_JRE = [8, 11, 17, 21, 25];
/** .NET versions published under mcr.microsoft.com/dotnet/{aspnet,runtime}. */
const DOTNET_VERSIONS = /^(2\.1|2\.2|3\.0|3\.1|5\.0|6\.0|7\.0|8\.0|9\.0|10\.0)(-|$)/;

const VARIABLE = /\$\{?[A-Za-z_]/;

/** The distro release named in a tag, when it names one. */
function distroInTag(tag: string): Distro | undefined {
  const alpine = /alpine(\d+\.\d+|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)?/.exec(tag);
  if (alpine) return { family: 'alpine', release: alpine[1] ?? DEFAULT_ALPINE };
  const suite = /(buster|bullseye|bookworm|trixie)/.exec(tag)?.[1];
  if (suite) return { family: 'debian', release: suite };
  const ubuntu = /(focal|jammy|noble)/.exec(tag)?.[1];
  if (ubuntu) return { family: 'ubuntu', release: ubuntu };
  return undefined;
}

/** The Debian suite of an official image's tag without a suite: the one its version was published on. */
function defaultSuite(repository: string, tag: string): string {
  const version = /^(\d+)(?:\.(\d+))?/.exec(tag);
  if (!version) return 'bookworm';
  const [major, minor] = [Number(version[1]), Number(version[2] ?? 0)];
  if (repository === 'golang') return major === 1 && minor < 20 ? 'bullseye' : major === 1 && minor >= 25 ? 'trixie' : 'bookworm';
  if (repository === 'rust') return major === 1 && minor < 71 ? 'bullseye' : major === 1 && minor >= 89 ? 'trixie' : 'bookworm';
  if (repository === 'gcc') return major < 12 ? 'bullseye' : major >= 15 ? 'trixie' : 'bookworm';
  if (repository === 'python') return major === 3 && minor < 8 ? 'bullseye' : 'bookworm';
  if (repository === 'node') return major < 18 ? 'bullseye' : major >= 24 ? 'bookworm' : 'bookworm';
  if (repository === 'ruby') return major < 3 ? 'bullseye' : 'bookworm';
  if (repository === 'elixir') return major === 1 && minor < 15 ? 'bullseye' : 'bookworm';
  return 'bookworm';
}

/** The distro of an image, from its tag or its repository's defaults; undefined when unknown. */
export function distroOf(image: string): Distro | undefined {
  const ref = parseImageRef(image);
  const inTag = distroInTag(ref.tag);
  if (inTag) return inTag;
  if (ref.repository === 'alpine') return { family: 'alpine', release: /^\d+\.\d+/.exec(ref.tag)?.[0] ?? DEFAULT_ALPINE };
  if (ref.repository === 'debian') return { family: 'debian', release: /^[a-z]+/.exec(ref.tag)?.[0] ?? 'bookworm' };
  if (ref.repository === 'ubuntu') return { family: 'ubuntu', release: /^[a-z]+/.exec(ref.tag)?.[0] ?? 'noble' };
  if (['golang', 'rust', 'gcc', 'python', 'node', 'ruby', 'php', 'buildpack-deps', 'nginx', 'httpd', 'perl', 'elixir', 'oven/bun'].includes(ref.repository)) {
    return { family: 'debian', release: defaultSuite(ref.repository, ref.tag) };
  }
  if (/^mcr\.microsoft\.com\/dotnet\//.test(ref.repository)) return { family: 'debian', release: /^10\./.test(ref.tag) ? 'noble' : 'bookworm' };
  return undefined;
}

function alpineImage(distro: Distro): string {
  return `alpine:${ALPINE_RELEASES.has(distro.release) || VARIABLE.test(distro.release) ? distro.release : DEFAULT_ALPINE}`;
}

/** The smallest runtime of a distro for a binary: distroless when nothing needs a shell or packages. */
function nativeRuntime(distro: Distro, needs: RuntimeNeeds, staticFlavour: 'static' | 'base' | 'cc'): { image: string; nonRootUser?: string } | { refusal: string } {
  if (distro.family === 'alpine') return { image: alpineImage(distro) };
  if (distro.family === 'ubuntu') return { image: `ubuntu:${distro.release}` };
  const number = DEBIAN_SUITES[distro.release];
  if (!number) return { refusal: `no vetted runtime image for Debian ${distro.release}` };
  if (needs.shell || needs.packages || distro.release === 'buster' || (needs.cxx && staticFlavour !== 'cc')) return { image: `debian:${distro.release}-slim` };
  const flavour = needs.dynamicLibc ? (needs.cxx || staticFlavour === 'cc' ? 'cc' : 'base') : staticFlavour === 'static' ? 'static' : staticFlavour;
  return needs.hasUser ? { image: `gcr.io/distroless/${flavour}-debian${number}` } : { image: `gcr.io/distroless/${flavour}-debian${number}:nonroot` };
}

const distroOfTag = (repository: string, tag: string): Distro => distroInTag(tag) ?? { family: 'debian', release: defaultSuite(repository, tag) };

/** `20` → `20-slim`, `20-bookworm` → `20-bookworm-slim`; alpine tags stay. */
function nodeRuntime(tag: string, needs: RuntimeNeeds) {
  const user = needs.hasUser ? {} : { nonRootUser: 'node' };
  if (tag === '' || tag === 'latest') return { image: 'node:slim', ...user };
  if (/alpine|slim/.test(tag)) return { image: `node:${tag}`, ...user };
  return { image: `node:${tag}-slim`, ...user };
}

/** Bun: `1` → `1-slim`, `1-debian` → `1-slim` (Debian slim); alpine, slim and distroless tags stay. The images carry a user `bun`. */
function bunRuntime(tag: string, needs: RuntimeNeeds) {
  const user = needs.hasUser ? {} : { nonRootUser: 'bun' };
  if (tag === '' || tag === 'latest') return { image: 'oven/bun:slim', ...user };
  if (/alpine|slim|distroless/.test(tag)) return { image: `oven/bun:${tag}`, ...user };
  return { image: `oven/bun:${tag.replace(/-debian$/, '')}-slim`, ...user };
}

/** `3.12` → `3.12-slim`, `3.12-bookworm` → `3.12-slim-bookworm` (python and ruby spell it alike). */
function slimAfterVersion(repository: string) {
  return (tag: string) => {
    if (tag === '' || tag === 'latest') return { image: `${repository}:slim` };
    if (/alpine|slim/.test(tag)) return { image: `${repository}:${tag}` };
    const suite = /-(bookworm|bullseye|buster|trixie)$/.exec(tag);
    return { image: suite ? `${repository}:${tag.slice(0, suite.index)}-slim-${suite[1]}` : `${repository}:${tag}-slim` };
  };
}

/** The Java feature version in a tag: after `temurin-`/`jdk`, else leading for JDK images. */
function javaVersion(tag: string, leading: boolean): string | undefined {
  const version = String.raw`(\d+|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)`;
  return new RegExp(`(?:temurin-|jdk-?|openjdk-?|corretto-?)${version}`).exec(tag)?.[1] ?? (leading ? new RegExp(`^${version}`).exec(tag)?.[1] : undefined);
}

function temurinJre(leading: boolean) {
  return (tag: string): { image: string } | { refusal: string } => {
    const version = javaVersion(tag, leading) ?? '21';
    const variant = /-(alpine|jammy|noble|focal|ubi9-minimal)\b/.exec(tag)?.[1];
    const suffix = variant ? `-${variant}` : '';
    if (VARIABLE.test(version)) return { image: `eclipse-temurin:${version}-jre${suffix}` };
    const lts = TEMURIN_JRE.find((v) => v >= Number(version));
    if (lts === undefined) return { refusal: `no vetted JRE image for Java ${version}` };
    return { image: `eclipse-temurin:${lts}-jre${suffix}` };
  };
}

function dotnetRuntime(tag: string, needs: RuntimeNeeds) {
  if (tag !== '' && !DOTNET_VERSIONS.test(tag) && !VARIABLE.test(tag)) return { refusal: `no vetted .NET runtime image for the SDK tag ${tag}` };
  // From .NET 8 the runtime images carry a non-root user `app`.
  const user = /^(8|9|10)\.0/.test(tag) && !needs.hasUser ? { nonRootUser: 'app' } : {};
  return { image: `mcr.microsoft.com/dotnet/${needs.web === false ? 'runtime' : 'aspnet'}${tag ? ':' + tag : ''}`, ...user };
}

/** hexpm/elixir tags name their base exactly (`…-debian-bookworm-20240513-slim`, `…-alpine-3.19.1`): the runtime is that base. */
function hexpmRuntime(tag: string): { image: string } | { refusal: string } {
  const debian = /-debian-([a-z]+)-(\d{8})(-slim)?$/.exec(tag);
  if (debian) return { image: `debian:${debian[1]}-${debian[2]}-slim` };
  const ubuntu = /-ubuntu-([a-z]+)-(\d{8})$/.exec(tag);
  if (ubuntu) return { image: `ubuntu:${ubuntu[1]}-${ubuntu[2]}` };
  const alpine = /-alpine-(\d+\.\d+(?:\.\d+)?)$/.exec(tag);
  if (alpine) return { image: `alpine:${alpine[1]}` };
  return { refusal: `the distro of hexpm/elixir:${tag} is not named in its tag` };
}

const legacy = (repository: string, instead: string): Toolchain => ({
  image: repository,
  ecosystem: repository.includes('dotnet') || repository.includes('aspnet') ? 'dotnet' : undefined,
  runtime: () => ({ refusal: `${repository} is a retired image repository with no vetted runtime image; build FROM ${instead} first` }),
});

export const toolchains: Toolchain[] = [
  { image: 'golang', ecosystem: 'go', workdir: '/go', env: { GOPATH: '/go' }, runtime: (tag, needs) => nativeRuntime(distroOfTag('golang', tag), needs, 'static') },
  { image: 'node', ecosystem: 'node', runtime: nodeRuntime },
  { image: 'oven/bun', ecosystem: 'node', runtime: bunRuntime },
  { image: 'python', ecosystem: 'python', runtime: slimAfterVersion('python') },
  { image: 'ruby', ecosystem: 'ruby', runtime: slimAfterVersion('ruby') },
  { image: 'rust', ecosystem: 'rust', env: { CARGO_HOME: '/usr/local/cargo' }, runtime: (tag, needs) => nativeRuntime(distroOfTag('rust', tag), needs, needs.dynamicLibc ? 'cc' : 'static') },
  { image: 'maven', ecosystem: 'java', runtime: temurinJre(false) },
  { image: 'gradle', ecosystem: 'java', workdir: '/home/gradle', runtime: temurinJre(false) },
  { image: 'eclipse-temurin', ecosystem: 'java', runtime: (tag) => (/jre/.test(tag) ? { refusal: `eclipse-temurin:${tag} is already a JRE image` } : temurinJre(true)(tag)) },
  { image: 'openjdk', ecosystem: 'java', runtime: (tag) => (/jre/.test(tag) ? { refusal: `openjdk:${tag} is already a JRE image` } : temurinJre(true)(tag)) },
  { image: 'amazoncorretto', ecosystem: 'java', runtime: temurinJre(true) },
  { image: 'mcr.microsoft.com/dotnet/sdk', ecosystem: 'dotnet', runtime: dotnetRuntime },
  { image: 'mcr.microsoft.com/dotnet/core/sdk', ecosystem: 'dotnet', runtime: (tag, needs) => ({ image: `mcr.microsoft.com/dotnet/core/${needs.web === false ? 'runtime' : 'aspnet'}${tag ? ':' + tag : ''}` }) },
  legacy('microsoft/dotnet', 'mcr.microsoft.com/dotnet/sdk'),
  legacy('microsoft/aspnetcore-build', 'mcr.microsoft.com/dotnet/sdk'),
  { image: 'gcc', ecosystem: 'cxx', runtime: (tag, needs) => nativeRuntime(distroOfTag('gcc', tag), { ...needs, shell: needs.shell || !!needs.cxx }, 'cc') },
  // A release's start scripts are sh scripts: a slim distro image, never distroless.
  { image: 'elixir', ecosystem: 'elixir', runtime: (tag, needs) => nativeRuntime(distroOfTag('elixir', tag), { ...needs, shell: true }, 'cc') },
  { image: 'hexpm/elixir', ecosystem: 'elixir', runtime: hexpmRuntime },
  { image: 'buildpack-deps', runtime: (tag, needs) => nativeRuntime(distroOfTag('buildpack-deps', tag), { ...needs, shell: true }, 'cc') },
];

export function toolchainFor(ref: ImageRef): Toolchain | undefined {
  return toolchains.find((t) => t.image === ref.repository);
}

/** The image reference to recognize: the expanded one when the written one holds a variable. */
export function recognizedRef(written: string, expanded: string): ImageRef {
  const asWritten = parseImageRef(written);
  return asWritten.repository.includes('$') ? parseImageRef(expanded) : asWritten;
}

/**
 * The runtime image for a stage built on `written` (`expanded` after ARG defaults). An image that is no
 * toolchain is its own runtime (the toolchain was installed by RUN and stays in the builder).
 */
export function runtimeImageFor(written: string, expanded: string, settings: Settings, needs: RuntimeNeeds): RuntimeChoice {
  const ref = recognizedRef(written, expanded);
  const toolchain = toolchainFor(ref);
  const override = settingFor(ref, settings);
  if (override !== undefined) {
    const image = override.split('${tag}').join(ref.tag);
    return { image, toolchain, isToolchain: image !== written, fromSettings: true, distro: distroOf(image) };
  }
  if (!toolchain) {
    // A plain distro base keeps its release, in its slim variant.
    const slim = ref.repository === 'debian' && /^[a-z]+$/.test(ref.tag) && !written.includes('$') ? `debian:${ref.tag}-slim` : written;
    return { image: slim, isToolchain: slim !== written, fromSettings: false, distro: distroOf(expanded) };
  }
  const tag = parseImageRef(written).repository.includes('$') ? ref.tag : parseImageRef(written).tag;
  const chosen = toolchain.runtime(tag, needs);
  if ('refusal' in chosen) return { image: written, toolchain, isToolchain: false, fromSettings: false, refusal: chosen.refusal };
  return { image: chosen.image, toolchain, isToolchain: chosen.image !== written, fromSettings: false, distro: distroOf(chosen.image), nonRootUser: chosen.nonRootUser };
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

/** Whether an image has a shell (`/bin/sh`). */
export function hasShell(image: string): boolean {
  return imageFamily(image) !== 'none' || /:debug/.test(image);
}
