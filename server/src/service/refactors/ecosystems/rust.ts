/**
 * Rust: `cargo build --release` → target/release/<bin> (bin from --bin, else Cargo.toml when readable);
 * `cargo install` → <root>/bin/<bin>.
 */
import { dirName, joinPath } from '../../facts/paths';
import { commandName, hasFlag, optionValue, type SimpleCommand } from '../../facts/shellCommands';
import { artifact, inCwd, runExecutable } from './hints';
import type { Artifact, BuildFacts, Ecosystem } from './types';

export const rust: Ecosystem = {
  id: 'rust',
  label: 'Rust',
  buildStep(facts) {
    const { argv } = facts.command;
    if (commandName(argv) !== 'cargo' || (argv[1] !== 'build' && argv[1] !== 'install')) return undefined;
    if (argv[1] === 'install' && !hasFlag(argv, ['--path']) && !argv.some((a) => a.startsWith('--path='))) return undefined;
    const dir = argv[1] === 'build' ? profileDir(facts) : installDir(facts);
    // The gnu targets link glibc dynamically; musl targets are static.
    const triple = optionValue(argv, ['--target']) ?? facts.env.get('CARGO_BUILD_TARGET') ?? '';
    const dynamicLibc = !/musl/.test(triple) && !/alpine/.test(facts.builderImage);
    const linked = dynamicLibc ? linkedSystemLibraries(facts) : [];
    // OpenSSL verifies TLS peers against the system's CA certificates, which slim images leave out.
    const certificates = linked.includes('libssl-dev') ? { slimLacks: { packages: { debian: ['ca-certificates'], ubuntu: ['ca-certificates'] }, loader: 'OpenSSL' } } : {};
    return { artifacts: binaries(facts, dir), dynamicLibc, ...(linked.length > 0 ? { impliedDevPackages: linked } : {}), ...certificates };
  },
  needsToolchain: (command: SimpleCommand) => ['cargo', 'rustc', 'rustup'].includes(commandName(command.argv)),
};

/** Crates that link a system C library, and the Debian -dev package it comes from. */
const SYS_CRATES: Record<string, string> = {
  'openssl-sys': 'libssl-dev',
  'pq-sys': 'libpq-dev',
  'libsqlite3-sys': 'libsqlite3-dev',
  'mysqlclient-sys': 'default-libmysqlclient-dev',
};

/** The system libraries the locked crates link dynamically (`openssl-sys` through reqwest's native-tls); a `bundled`/`vendored` build links none. */
function linkedSystemLibraries(facts: BuildFacts): string[] {
  const lock = facts.files?.read('Cargo.lock') ?? '';
  const manifest = facts.files?.read('Cargo.toml') ?? '';
  const locked = new Set([...lock.matchAll(/^name = "([^"]+)"/gm)].map((m) => m[1]));
  const builtIn = /["'](bundled|vendored|vendored-openssl|bundled-sqlcipher)["']/.test(manifest);
  return Object.entries(SYS_CRATES).filter(([crate]) => locked.has(crate) && !builtIn).map(([, dev]) => dev);
}

/** target/[<triple>/]<profile> of `cargo build`. */
function profileDir(facts: BuildFacts): string {
  const { argv } = facts.command;
  const manifest = optionValue(argv, ['--manifest-path']);
  const projectDir = manifest ? dirName(inCwd(facts, manifest)) : facts.command.cwd;
  const targetDir = optionValue(argv, ['--target-dir']) ?? facts.command.assignments.CARGO_TARGET_DIR ?? facts.env.get('CARGO_TARGET_DIR');
  const target = targetDir ? inCwd(facts, targetDir) : joinPath(projectDir, 'target');
  const triple = optionValue(argv, ['--target']);
  const profileFlag = optionValue(argv, ['--profile']);
  const profile = hasFlag(argv, ['--release', '-r']) ? 'release' : profileFlag && profileFlag !== 'dev' ? profileFlag : 'debug';
  return joinPath(triple ? joinPath(target, triple) : target, profile);
}

/** <root>/bin of `cargo install` (--root, CARGO_INSTALL_ROOT, CARGO_HOME, ~/.cargo). */
function installDir(facts: BuildFacts): string {
  const env = (name: string) => facts.command.assignments[name] ?? facts.env.get(name);
  const root = optionValue(facts.command.argv, ['--root']) ?? env('CARGO_INSTALL_ROOT') ?? env('CARGO_HOME') ?? '/root/.cargo';
  return joinPath(inCwd(facts, root), 'bin');
}

/** The binaries in `dir`: from --bin, Cargo.toml, or the path the image runs; else a guess. */
function binaries(facts: BuildFacts, dir: string): Artifact[] {
  const { argv } = facts.command;
  const named = argv.flatMap((a, i) => (a === '--bin' && argv[i + 1] ? [argv[i + 1]] : a.startsWith('--bin=') ? [a.slice(6)] : []));
  const names = named.length > 0 ? named : binariesInManifest(facts.files?.read('Cargo.toml'));
  if (names.length > 0) return names.map((n) => artifact(joinPath(dir, n)));
  const run = runExecutable(facts);
  if (run && dirName(run) === dir) return [artifact(run)];
  return [artifact(dir, true)];
}

/** `[[bin]] name = …` entries, else `[package] name = …`, from a Cargo.toml. */
export function binariesInManifest(toml: string | undefined): string[] {
  if (!toml) return [];
  const bins: string[] = [];
  let section = '';
  let packageName: string | undefined;
  for (const raw of toml.split(/\r?\n/)) {
    const text = raw.replace(/#.*$/s, '').trim();
    const header = /^\[\[?([^\]]+)\]\]?$/.exec(text);
    if (header) {
      section = text.startsWith('[[') ? `[[${header[1].trim()}]]` : header[1].trim();
      continue;
    }
    const name = /^name\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
    if (!name) continue;
    if (section === '[[bin]]') bins.push(name);
    else if (section === 'package') packageName = name;
  }
  if (bins.length > 0) return bins;
  return packageName ? [packageName] : [];
}
