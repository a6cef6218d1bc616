/**
 * The files a dependency install reads (package.json + lock file, requirements.txt, go.mod + go.sum,
 * …), for copying them before `COPY . .`. Installs are recognized by the rules' own dependencyInstall,
 * so the refactor fixes exactly what copy-context-before-deps reports.
 */
import { dependencyInstall } from '../facts/installs';
import { optionValue, type SimpleCommand } from '../facts/shellCommands';

/** Manifest files (relative to the install's directory) per install, when it needs nothing else. */
const MANIFESTS: Record<string, string[]> = {
  'npm ci': ['package.json', 'package-lock.json'],
  'npm clean-install': ['package.json', 'package-lock.json'],
  'npm install': ['package*.json'],
  yarn: ['package.json', 'yarn.lock'],
  'yarn install': ['package.json', 'yarn.lock'],
  'pnpm install': ['package.json', 'pnpm-lock.yaml'],
  'pnpm fetch': ['pnpm-lock.yaml'],
  'go mod download': ['go.mod', 'go.sum'],
  'pipenv install': ['Pipfile', 'Pipfile.lock'],
  'pipenv sync': ['Pipfile', 'Pipfile.lock'],
  'bundle install': ['Gemfile', 'Gemfile.lock'],
  'composer install': ['composer.json', 'composer.lock'],
};

export interface DependencyInstall {
  /** Short label (`npm ci`). */
  label: string;
  /** The files to copy first, relative to the install's directory. */
  manifests: string[];
}

/** The dependency install a command performs and the manifests it reads; undefined when it needs the sources too. */
export function dependencyManifests(command: SimpleCommand): DependencyInstall | undefined {
  const label = dependencyInstall(command);
  if (!label) return undefined;
  const argv = command.argv;
  if (MANIFESTS[label]) return { label, manifests: MANIFESTS[label] };
  if (/^(pip3? install -r|uv pip install -r)$/.test(label)) {
    const files = argv.flatMap((a, i) => (a === '-r' || a === '--requirement' ? [argv[i + 1]] : /^-r./.test(a) ? [a.slice(2)] : a.startsWith('--requirement=') ? [a.slice(14)] : [])).filter(Boolean);
    return files.length > 0 && !argv.some((a) => a === '.' || a === '-e' || a.startsWith('./')) ? { label, manifests: files } : undefined;
  }
  if ((label === 'poetry install' || label === 'poetry sync') && argv.includes('--no-root')) return { label, manifests: ['pyproject.toml', 'poetry.lock'] };
  if (label === 'uv sync' && argv.includes('--no-install-project')) return { label, manifests: ['pyproject.toml', 'uv.lock'] };
  if (label.startsWith('mvn dependency:')) return { label, manifests: [optionValue(argv, ['-f', '--file']) ?? 'pom.xml'] };
  if (label === 'dotnet restore') {
    const project = argv.slice(2).find((a) => /\.(cs|fs|vb)proj$|\.sln$/i.test(a));
    return project ? { label, manifests: [project] } : undefined;
  }
  return undefined;
}
