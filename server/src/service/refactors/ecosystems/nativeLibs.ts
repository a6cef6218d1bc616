/**
 * The runtime library packages that go with the `-dev` packages a build installed (`libsqlite3-dev` →
 * `libsqlite3-0` on Debian bookworm, `sqlite-dev` → `sqlite-libs` on Alpine), per distro release, so
 * the runtime stage installs exactly what the binary or the compiled extensions load.
 */
import type { Distro } from '../runtimeImages';

type PerRelease = string | Record<string, string>;

/** Debian/Ubuntu: dev package → runtime package (by release where the soname changed). */
const APT: Record<string, PerRelease> = {
  'libsqlite3-dev': 'libsqlite3-0',
  'libpq-dev': 'libpq5',
  'libssl-dev': { bullseye: 'libssl1.1', buster: 'libssl1.1', focal: 'libssl1.1', bookworm: 'libssl3', jammy: 'libssl3', trixie: 'libssl3t64', noble: 'libssl3t64' },
  'libcurl4-openssl-dev': { trixie: 'libcurl4t64', noble: 'libcurl4t64', '*': 'libcurl4' },
  'libxml2-dev': { trixie: 'libxml2-16', '*': 'libxml2' },
  'libxslt1-dev': 'libxslt1.1',
  'libffi-dev': { bullseye: 'libffi7', buster: 'libffi6', focal: 'libffi7', '*': 'libffi8' },
  'zlib1g-dev': 'zlib1g',
  'libjpeg-dev': { focal: 'libjpeg-turbo8', jammy: 'libjpeg-turbo8', noble: 'libjpeg-turbo8', '*': 'libjpeg62-turbo' },
  'libjpeg62-turbo-dev': 'libjpeg62-turbo',
  'libpng-dev': 'libpng16-16',
  'libmariadb-dev': 'libmariadb3',
  'libmariadb-dev-compat': 'libmariadb3',
  'default-libmysqlclient-dev': 'libmariadb3',
  'libyaml-dev': 'libyaml-0-2',
  'libgmp-dev': { trixie: 'libgmp10', '*': 'libgmp10' },
  'libzmq3-dev': 'libzmq5',
  'librdkafka-dev': 'librdkafka1',
  'libpcre3-dev': 'libpcre3',
  'libzip-dev': { bullseye: 'libzip4', buster: 'libzip4', trixie: 'libzip5', '*': 'libzip4' },
  'libicu-dev': { bullseye: 'libicu67', bookworm: 'libicu72', trixie: 'libicu76', jammy: 'libicu70', noble: 'libicu74', '*': 'libicu72' },
  'libonig-dev': 'libonig5',
  'libfreetype6-dev': { trixie: 'libfreetype6', '*': 'libfreetype6' },
  'libwebp-dev': { bullseye: 'libwebp6', '*': 'libwebp7' },
  'libgeos-dev': 'libgeos-c1v5',
  'libmagic-dev': 'libmagic1',
  'libsodium-dev': 'libsodium23',
  'libuv1-dev': 'libuv1',
  'libevent-dev': { bullseye: 'libevent-2.1-7', trixie: 'libevent-2.1-7t64', '*': 'libevent-2.1-7' },
  'libbz2-dev': 'libbz2-1.0',
  'liblzma-dev': 'liblzma5',
  'libreadline-dev': 'libreadline8',
  'libncurses-dev': { '*': 'libncursesw6' },
  'libncurses5-dev': { '*': 'libncursesw6' },
  'libboost-all-dev': { '*': '' },
};

/** Alpine: dev package → runtime package. */
const APK: Record<string, string> = {
  'sqlite-dev': 'sqlite-libs',
  'postgresql-dev': 'libpq',
  'libpq-dev': 'libpq',
  'openssl-dev': 'libssl3',
  'curl-dev': 'libcurl',
  'libxml2-dev': 'libxml2',
  'libxslt-dev': 'libxslt',
  'libffi-dev': 'libffi',
  'zlib-dev': 'zlib',
  'jpeg-dev': 'libjpeg-turbo',
  'libjpeg-turbo-dev': 'libjpeg-turbo',
  'libpng-dev': 'libpng',
  'mariadb-dev': 'mariadb-connector-c',
  'mariadb-connector-c-dev': 'mariadb-connector-c',
  'yaml-dev': 'yaml',
  'gmp-dev': 'gmp',
  'zeromq-dev': 'libzmq',
  'librdkafka-dev': 'librdkafka',
  'pcre-dev': 'pcre',
  'libzip-dev': 'libzip',
  'icu-dev': 'icu-libs',
  'oniguruma-dev': 'oniguruma',
  'freetype-dev': 'freetype',
  'libwebp-dev': 'libwebp',
  'geos-dev': 'geos',
  'libsodium-dev': 'libsodium',
  'libuv-dev': 'libuv',
  'libevent-dev': 'libevent',
  'bzip2-dev': 'libbz2',
  'xz-dev': 'xz-libs',
  'readline-dev': 'readline',
  'ncurses-dev': 'ncurses-libs',
};

/** Dev packages that need nothing at run time (headers of the C library itself, build metadata). */
const HEADERS_ONLY = new Set(['libc6-dev', 'libc-dev', 'musl-dev', 'linux-headers', 'linux-libc-dev', 'python3-dev', 'python-dev', 'ruby-dev', 'pkgconf', 'pkg-config', 'libboost-all-dev']);

export const isDevPackage = (name: string) => /-(dev|devel)$/.test(name) && !HEADERS_ONLY.has(name);

/**
 * The runtime packages for `devPackages` on `distro`; `unknown` lists the dev packages this table does
 * not know, so the caller can refuse rather than ship a binary that cannot load its libraries.
 */
export function runtimePackagesFor(devPackages: readonly string[], distro: Distro): { packages: string[]; unknown: string[] } {
  const packages: string[] = [];
  const unknown: string[] = [];
  for (const dev of devPackages) {
    if (!isDevPackage(dev)) continue;
    const runtime = distro.family === 'alpine' ? APK[dev] : pick(APT[dev], distro.release);
    if (runtime === undefined) unknown.push(dev);
    else if (runtime !== '' && !packages.includes(runtime)) packages.push(runtime);
  }
  return { packages, unknown };
}

function pick(entry: PerRelease | undefined, release: string): string | undefined {
  if (entry === undefined || typeof entry === 'string') return entry;
  return entry[release] ?? entry['*'];
}

/** The install line for runtime packages on a distro family. */
export function installCommand(packages: readonly string[], distro: Distro): string {
  if (distro.family === 'alpine') return `apk add --no-cache ${packages.join(' ')}`;
  return `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')} && rm -rf /var/lib/apt/lists/*`;
}

/**
 * Packages that only serve the build: compilers, build systems, fetchers and archivers. Anything else a
 * builder-only RUN installed (ffmpeg, imagemagick, tesseract-ocr, python3) is taken to be what the app
 * calls at run time, so the runtime stage installs it again.
 */
const BUILD_TOOLS = new Set([
  'gcc', 'g++', 'cpp', 'clang', 'llvm', 'make', 'cmake', 'ninja', 'ninja-build', 'meson', 'build-essential', 'build-base', 'alpine-sdk',
  'autoconf', 'automake', 'libtool', 'bison', 'flex', 'patch', 'binutils', 'upx', 'upx-ucl', 'nasm', 'yasm', 'protobuf-compiler', 'protoc',
  'git', 'curl', 'wget', 'unzip', 'zip', 'xz-utils', 'xz', 'bzip2', 'tar', 'gnupg', 'gnupg2', 'dirmngr', 'apt-transport-https',
  'software-properties-common', 'lsb-release', 'file', 'nodejs', 'npm', 'yarn', 'golang', 'go', 'rustc', 'cargo', 'openjdk-17-jdk', 'maven', 'gradle', 'hugo',
]);
/** A Debian or Alpine package name (pinned `name=1.2` allowed); anything else is a word the shell reading got wrong. */
const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]*(=[\w.:~+-]+)?$/;
/** Packages every runtime image of ours either has (distroless) or can do without: only installed alongside others. */
const BASICS = new Set(['ca-certificates', 'tzdata']);

/** What HEALTHCHECK/CMD need and a runtime image may lack: the package that provides each program. */
const PROGRAM_PACKAGES: Record<string, string> = { curl: 'curl', wget: 'wget', git: 'git', bash: 'bash' };
/** Programs a distro family's base image has already: BusyBox wget on Alpine, bash on Debian and Ubuntu. */
const BASE_PROGRAMS: Record<string, Set<string>> = { alpine: new Set(['wget']), debian: new Set(['bash']), ubuntu: new Set(['bash']) };

/**
 * The packages the runtime stage must install beside the -dev runtime libraries: what builder-only RUNs
 * installed that the build itself never ran, and the tools HEALTHCHECK, CMD or the entrypoint script call
 * (curl, wget, bash) where the distro's base image lacks them.
 */
export function keptPackages(builderPackages: readonly string[], ranInBuilder: ReadonlySet<string>, ranAtRunTime: ReadonlySet<string>, distro: Distro | undefined, buildOnly: ReadonlySet<string> = new Set()): string[] {
  const kept = builderPackages.filter((p) => PACKAGE_NAME.test(p) && !buildOnly.has(p) && !isDevPackage(p) && !HEADERS_ONLY.has(p) && !/-(dev|devel)$/.test(p) && !BASICS.has(p) && !BUILD_TOOLS.has(p) && !ranInBuilder.has(p));
  for (const program of ranAtRunTime) {
    const pkg = PROGRAM_PACKAGES[program];
    if (pkg && distro && !BASE_PROGRAMS[distro.family]?.has(program)) kept.push(pkg);
  }
  const out = [...new Set(kept)];
  return out.length > 0 ? [...out, ...builderPackages.filter((p) => BASICS.has(p))] : out;
}
