/** Go: `go build -o X` → X; `go build ./cmd/x` → x; `go install` → $GOBIN or /go/bin. cgo detected, so the runtime keeps the C library. */
import { installedPackages } from '../../facts/installs';
import { sourceFiles } from './contextScan';
import { commandName, optionValue, type SimpleCommand } from '../../facts/shellCommands';
import { baseName, joinPath } from '../../facts/paths';
import { artifact, inCwd, runExecutable } from './hints';
import type { BuildFacts, BuildStep, Ecosystem } from './types';

/** `go build` flags that take a separate value. */
const VALUE_FLAGS = new Set(['-o', '-p', '-C', '-asmflags', '-buildmode', '-compiler', '-gccgoflags', '-gcflags', '-installsuffix', '-ldflags', '-mod', '-modfile', '-overlay', '-pgo', '-pkgdir', '-tags', '-toolexec']);

export const go: Ecosystem = {
  id: 'go',
  label: 'Go',
  buildStep(facts) {
    const { argv } = facts.command;
    if (commandName(argv) !== 'go' || (argv[1] !== 'build' && argv[1] !== 'install')) return undefined;
    const step = argv[1] === 'build' ? buildOutput(facts) : installOutput(facts);
    if (usesCgo(facts)) return { ...step, dynamicLibc: true };
    const explicit = facts.command.assignments.CGO_ENABLED ?? facts.env.get('CGO_ENABLED');
    return explicit === undefined ? { ...step, staticIfCgoDisabled: true } : step;
  },
  needsToolchain: (command: SimpleCommand) => commandName(command.argv) === 'go',
};

function buildOutput(facts: BuildFacts): BuildStep {
  const { argv } = facts.command;
  const out = optionValue(argv, ['-o']);
  if (out) return { artifacts: [artifact(inCwd(facts, out))] };
  const name = binaryName(packages(argv), facts);
  if (name) return { artifacts: [artifact(inCwd(facts, name))] };
  const run = runExecutable(facts);
  return { artifacts: [artifact(run ?? facts.command.cwd, true)] };
}

function installOutput(facts: BuildFacts): BuildStep {
  const bin = facts.command.assignments.GOBIN ?? facts.env.get('GOBIN') ?? joinPath(facts.env.get('GOPATH') ?? '/go', 'bin');
  return { artifacts: [artifact(bin)] };
}

/** The package arguments of `go build` (flags and their values skipped). */
function packages(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 2; i < argv.length; i++) {
    if (argv[i].startsWith('-')) {
      if (VALUE_FLAGS.has(argv[i])) i++;
      continue;
    }
    out.push(argv[i]);
  }
  return out;
}

/** The binary `go build` writes without -o: the package's last element, or the module's for `.`. */
function binaryName(pkgs: string[], facts: BuildFacts): string | undefined {
  if (pkgs.length > 1 || pkgs.some((p) => p.includes('...') || p.endsWith('.go'))) return undefined;
  const pkg = pkgs[0] ?? '.';
  if (pkg !== '.' && pkg !== './') return baseName(pkg.replace(/\/$/, ''));
  const module = /^module\s+(\S+)/m.exec(facts.files?.read('go.mod') ?? '')?.[1];
  return module ? baseName(module.replace(/\/v\d+$/, '')) : undefined;
}

/** Modules that wrap C libraries through cgo (a binary using them needs cgo and the C library at run time). */
const CGO_MODULES = [
  'github.com/mattn/go-sqlite3',
  'github.com/mutecomm/go-sqlcipher',
  'github.com/confluentinc/confluent-kafka-go',
  'github.com/tecbot/gorocksdb',
  'github.com/linxgnu/grocksdb',
  'gopkg.in/gographics/imagick',
  'github.com/h2non/bimg',
  'github.com/davidbyttow/govips',
  'github.com/google/gopacket/pcap',
  'github.com/libgit2/git2go',
  'github.com/ceph/go-ceph',
  'github.com/go-gl/',
  'github.com/miekg/pkcs11',
  'github.com/gen2brain/go-fitz',
  'github.com/bytecodealliance/wasmtime-go',
  'github.com/wasmerio/wasmer-go',
];
const C_TOOLCHAIN = new Set(['gcc', 'build-essential', 'build-base', 'musl-dev', 'libc6-dev', 'libc-dev', 'clang']);

/**
 * Whether the build links C through cgo: CGO_ENABLED as set, else a cgo module in go.mod, `import "C"`
 * in the sources, or a C compiler / -dev package installed before the build.
 */
export function usesCgo(facts: BuildFacts): boolean {
  const explicit = facts.command.assignments.CGO_ENABLED ?? facts.env.get('CGO_ENABLED');
  if (explicit !== undefined) return explicit === '1';
  const goMod = (facts.files?.read('go.mod') ?? '').toLowerCase();
  if (CGO_MODULES.some((m) => goMod.includes(m))) return true;
  if (facts.earlier.some((c) => (installedPackages(c) ?? []).some((p) => C_TOOLCHAIN.has(p) || /-dev$/.test(p)))) return true;
  return sourceFiles(facts.files, /\.go$/).some((f) => /^import\s+"C"\s*$/m.test(facts.files?.read(f) ?? ''));
}
