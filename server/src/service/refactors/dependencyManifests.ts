/**
 * The files a dependency install reads (package.json + lock file, requirements.txt, go.mod + go.sum,
 * …), for copying them before `COPY . .`. Installs are recognized by the rules' own dependencyInstall,
 * so the refactor fixes exactly what copy-context-before-deps reports.
 */
import { dependencyInstall } from '../facts/installs';
import type { ContextFiles } from '../facts/files';
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
};

export interface DependencyInstall {
  /** Short label (`npm ci`). */
  label: string;
  /** The files to copy first, relative to the install's directory. */
  manifests: string[];
}

/**
 * Whether `composer install` works before the sources are copied. It runs the project's scripts
 * (Laravel's `artisan package:discover`) and writes the autoloader, which scans the classmap folders
 * (an error when they are missing) and, authoritative (-a), would list no class of the app: scripts
 * must be off, and the autoloader too unless composer.json is readable and declares no classmap.
 */
function composerWithoutSources(argv: readonly string[], files: ContextFiles | undefined): boolean {
  if (!argv.includes('--no-scripts')) return false;
  if (argv.includes('--no-autoloader')) return true;
  const manifest = files?.read('composer.json');
  return manifest !== undefined && !/"classmap"\s*:/.test(manifest) && !argv.some((a) => a === '-a' || a === '--classmap-authoritative');
}

/** The dependency install a command performs and the manifests it reads; undefined when it needs the sources too. */
export function dependencyManifests(command: SimpleCommand, files?: ContextFiles): DependencyInstall | undefined {
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
  if (label === 'composer install') return composerWithoutSources(argv, files) ? { label, manifests: ['composer.json', 'composer.lock'] } : undefined;
  if (label.startsWith('mvn dependency:')) return { label, manifests: [optionValue(argv, ['-f', '--file']) ?? 'pom.xml'] };
  if (label === 'dotnet restore') {
    const project = argv.slice(2).find((a) => /\.(cs|fs|vb)proj$|\.sln$/i.test(a));
    return project ? { label, manifests: [project] } : undefined;
  }
  return undefined;
}

/** Installs that read every workspace's package.json when the project declares workspaces. */
const WORKSPACE_INSTALLS = /^(npm (ci|clean-install|install)|yarn( install)?|pnpm install)$/;

/**
 * The workspace patterns of a Node project (package.json `workspaces`, pnpm-workspace.yaml `packages`),
 * or undefined when it declares none. Its install reads each workspace's package.json, so copying only
 * the root manifests first would fail (`npm ci`: lock file out of sync).
 */
export function workspacePatterns(files: ContextFiles | undefined): string[] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(files?.read('package.json') ?? 'null');
  } catch {
    json = undefined;
  }
  const declared = (json as { workspaces?: unknown } | null)?.workspaces;
  const list = Array.isArray(declared) ? declared : (declared as { packages?: unknown } | undefined)?.packages;
  const patterns = Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
  const yaml = files?.read('pnpm-workspace.yaml');
  if (yaml) {
    const block = /^packages:\s*\n((?:[ \t]+-.*\n?|[ \t]*#.*\n?|[ \t]*\n)*)/m.exec(yaml)?.[1] ?? '';
    for (const m of block.matchAll(/^[ \t]+-[ \t]*["']?([^"'#\s]+)["']?/gm)) patterns.push(m[1]);
  }
  return patterns.length > 0 ? patterns : undefined;
}

/**
 * The workspace folders the patterns name (`packages/*` → each folder of packages/ holding a
 * package.json), relative to the context; undefined when a pattern cannot be expanded (no listing, `**`).
 */
export function workspaceFolders(files: ContextFiles | undefined, patterns: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const raw of patterns) {
    if (raw.startsWith('!')) continue;
    const pattern = raw.replace(/^\.\//, '').replace(/\/$/, '');
    const star = pattern.indexOf('*');
    if (star < 0) {
      out.push(pattern);
      continue;
    }
    if (!pattern.endsWith('/*') || star !== pattern.length - 1) return undefined;
    const parent = pattern.slice(0, -2);
    const entries = files?.list?.(parent === '' ? '' : `${parent}/`);
    if (!entries) return undefined;
    for (const entry of entries) {
      const folder = `${parent === '' ? '' : parent + '/'}${entry.replace(/\/$/, '')}`;
      if (entry.endsWith('/') && files?.read(`${folder}/package.json`) !== undefined) out.push(folder);
    }
  }
  return [...new Set(out)].sort();
}

/** Whether an install reads workspace manifests the project declares (so manifests-first needs more than the root's). */
export function readsWorkspaces(install: DependencyInstall, files: ContextFiles | undefined): boolean {
  return WORKSPACE_INSTALLS.test(install.label) && workspacePatterns(files) !== undefined;
}
