/** Recognizing what RUN commands do: dependency installs, package installs and removals. */
import { commandName, type SimpleCommand } from './shellCommands';

/** Positional (non-option) words after the first `skip` words. */
function positionals(argv: readonly string[], skip: number): string[] {
  return argv.slice(skip).filter((w) => !w.startsWith('-'));
}

/** `python -m pip …` → `pip …`; other commands unchanged. */
function unwrapModule(argv: readonly string[]): readonly string[] {
  const name = commandName(argv);
  if (/^python[0-9.]*$/.test(name) && argv[1] === '-m' && argv[2]) return argv.slice(2);
  return argv;
}

/**
 * The dependency install a command performs (`npm ci`, `pip install -r …`, `go mod download`, …), as
 * a short label, or undefined. Installing named tools (`npm install -g pnpm`) is not a dependency install.
 */
export function dependencyInstall(command: SimpleCommand): string | undefined {
  const argv = unwrapModule(command.argv);
  const name = commandName(argv);
  const sub = argv[1];
  switch (name) {
    case 'npm':
      if (sub === 'ci' || sub === 'clean-install') return `npm ${sub}`;
      if ((sub === 'install' || sub === 'i') && positionals(argv, 2).length === 0) return 'npm install';
      return undefined;
    case 'yarn':
      if (argv.length === 1 || (sub?.startsWith('-') && positionals(argv, 1).length === 0)) return 'yarn';
      return sub === 'install' ? 'yarn install' : undefined;
    case 'pnpm':
      if ((sub === 'install' || sub === 'i') && positionals(argv, 2).length === 0) return 'pnpm install';
      return sub === 'fetch' ? 'pnpm fetch' : undefined;
    case 'pip':
    case 'pip3':
      return sub === 'install' && argv.some((w) => w === '-r' || w.startsWith('--requirement') || /^-r./.test(w)) ? `${name} install -r` : undefined;
    case 'uv':
      if (sub === 'sync') return 'uv sync';
      return sub === 'pip' && argv[2] === 'install' && argv.includes('-r') ? 'uv pip install -r' : undefined;
    case 'poetry':
    case 'pipenv':
    case 'pdm':
      return sub === 'install' || sub === 'sync' ? `${name} ${sub}` : undefined;
    case 'go':
      return sub === 'mod' && argv[2] === 'download' ? 'go mod download' : undefined;
    case 'cargo':
      if (sub === 'fetch' || sub === 'build') return `cargo ${sub}`;
      return sub === 'chef' && argv[2] === 'cook' ? 'cargo chef cook' : undefined;
    case 'mvn':
    case 'mvnw': {
      const goal = argv.find((w) => w.startsWith('dependency:'));
      return goal ? `mvn ${goal}` : undefined;
    }
    case 'gradle':
    case 'gradlew':
      return argv.includes('dependencies') ? 'gradle dependencies' : undefined;
    case 'bundle':
      return sub === 'install' ? 'bundle install' : undefined;
    case 'composer':
      return sub === 'install' ? 'composer install' : undefined;
    case 'dotnet':
    case 'nuget':
      return sub === 'restore' ? `${name} restore` : undefined;
    default:
      return undefined;
  }
}

const INSTALL_VERBS: Record<string, string[]> = {
  'apt-get': ['install'],
  apt: ['install'],
  apk: ['add'],
  yum: ['install'],
  dnf: ['install'],
  microdnf: ['install'],
  zypper: ['install', 'in'],
};

const REMOVE_VERBS: Record<string, string[]> = {
  'apt-get': ['purge', 'remove', 'autoremove'],
  apt: ['purge', 'remove', 'autoremove'],
  apk: ['del'],
  yum: ['remove', 'erase'],
  dnf: ['remove', 'erase'],
  microdnf: ['remove'],
  zypper: ['remove', 'rm'],
};

/** The packages a package-manager install command installs, or undefined when it is not one. */
export function installedPackages(command: SimpleCommand): string[] | undefined {
  const name = commandName(command.argv);
  const verbs = INSTALL_VERBS[name];
  if (!verbs) return undefined;
  const at = command.argv.findIndex((w, i) => i > 0 && verbs.includes(w));
  if (at < 0) return undefined;
  const words = command.argv.slice(at + 1);
  const packages: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--virtual' || w === '-t') {
      i++;
      continue;
    }
    if (!w.startsWith('-')) packages.push(w.replace(/[=<>].*$/s, ''));
  }
  return packages;
}

/** Whether a command removes packages (`apk del`, `apt-get purge`, …). */
export function removesPackages(command: SimpleCommand): boolean {
  const verbs = REMOVE_VERBS[commandName(command.argv)];
  return !!verbs && command.argv.some((w, i) => i > 0 && verbs.includes(w));
}
