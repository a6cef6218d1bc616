/** Go: `go build -o X` → X; `go build ./cmd/x` → x; `go install` → $GOBIN or /go/bin. CGO_ENABLED=0 for static runtimes. */
import { parseImageRef } from '../../facts/images';
import { imageFamily } from '../runtimeImages';
import { commandName, optionValue, type SimpleCommand } from '../../facts/shellCommands';
import { baseName, joinPath } from '../../facts/paths';
import { artifact, inCwd, line, runExecutable } from './hints';
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
    const cgo = cgoSetup(facts);
    return cgo ? { ...step, builderSetup: [cgo] } : step;
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

/** `ENV CGO_ENABLED=0` when the runtime has no (or another) C library and the build does not set it. */
function cgoSetup(facts: BuildFacts) {
  if (facts.command.assignments.CGO_ENABLED !== undefined || facts.env.has('CGO_ENABLED')) return undefined;
  const family = imageFamily(facts.runtimeImage);
  const builderIsAlpine = parseImageRef(facts.builderImage).tag.includes('alpine');
  if (family === 'apt' || (family === 'apk' && builderIsAlpine)) return undefined;
  return line('ENV', 'CGO_ENABLED=0', `# A static binary, so it runs on ${facts.runtimeImage}.`);
}
