/**
 * from-platform-flag-const-disallowed (BuildKit FromPlatformFlagConstDisallowed): `FROM
 * --platform=linux/amd64` with a constant: the stage ignores the platform asked for at build time.
 * Not reported when the stage's name mentions the platform's OS or architecture (a stage meant for
 * that platform, like `builder-amd64`), nor when the value is no platform BuildKit can parse.
 */
import type { Rule } from './types';

const OSES = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'illumos', 'ios', 'js', 'linux', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows']);
const ARCHES: Record<string, string> = {
  '386': '386', i386: '386', x86_64: 'amd64', 'x86-64': 'amd64', amd64: 'amd64', aarch64: 'arm64', arm64: 'arm64', armhf: 'arm', armel: 'arm', arm: 'arm',
  ppc64le: 'ppc64le', ppc64: 'ppc64', s390x: 's390x', riscv64: 'riscv64', mips64le: 'mips64le', mips64: 'mips64', mipsle: 'mipsle', mips: 'mips', loong64: 'loong64', wasm: 'wasm',
};

/** OS and architecture of a constant platform, as containerd's `platforms.Parse` normalizes it; undefined when it would not parse. */
export function parsePlatform(value: string): { os: string; arch: string } | undefined {
  const parts = value.toLowerCase().split('/');
  if (parts.length > 3 || parts.some((p) => !/^[a-z0-9_.-]+$/.test(p))) return undefined;
  if (parts.length === 1) {
    if (OSES.has(parts[0])) return { os: parts[0], arch: 'amd64' };
    const arch = ARCHES[parts[0]];
    return arch ? { os: 'linux', arch } : undefined;
  }
  return { os: parts[0], arch: ARCHES[parts[1]] ?? parts[1] };
}

export const fromPlatformFlagConstDisallowed: Rule = {
  id: 'from-platform-flag-const-disallowed',
  defaultSeverity: 'warning',
  description: 'FROM --platform with a constant value.',
  buildkitCheck: 'FromPlatformFlagConstDisallowed',
  messages: {
    constant: "--platform={platform} pins this stage to one platform whatever the build asks for: use $BUILDPLATFORM (or $TARGETPLATFORM), or name the stage after the platform if that is intended.",
  },
  check({ model }, report) {
    for (const stage of model.stages) {
      const platform = stage.platform;
      if (!platform || !stage.platformRange || platform.includes('$')) continue;
      const parsed = parsePlatform(platform.replace(/^(["'])(.*)\1$/, '$2'));
      if (!parsed) continue;
      const name = stage.normalizedName ?? '';
      if (name.includes(parsed.os) || name.includes(parsed.arch)) continue;
      report({ range: stage.platformRange, messageId: 'constant', data: { platform } });
    }
  },
};
