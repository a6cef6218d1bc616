/**
 * Node: `npm run build` / `yarn build` / `pnpm build` / `tsc` → the output folder (dist/, build/, …,
 * from CMD, package.json or tsconfig.json); the runtime installs production dependencies only.
 */
import type { Instruction } from 'dockerfile-ast';
import { copiesFromContext, copyArgs } from '../../facts/instructionArgs';
import { baseName, isInside } from '../../facts/paths';
import { commandName, type SimpleCommand } from '../../facts/shellCommands';
import { artifact, inCwd, line, readJson, runPaths, topEntryIn } from './hints';
import type { BuildFacts, Ecosystem, GeneratedLine } from './types';

const MANIFESTS = /^(package(\*|-lock)?\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|\.npmrc|\.yarnrc(\.yml)?)$/;
const PACKAGE_MANAGERS = new Set(['npm', 'yarn', 'pnpm', 'npx', 'corepack']);
/** Output folders of well-known build tools. */
const TOOL_OUTPUT: [RegExp, string][] = [
  [/\bnext build\b/, '.next'],
  [/\breact-scripts build\b/, 'build'],
  [/\bnuxt build\b/, '.output'],
  [/\b(vite|webpack|rollup|parcel|esbuild|tsup) /, 'dist'],
];

export const node: Ecosystem = {
  id: 'node',
  label: 'Node',
  buildStep(facts) {
    const script = buildScript(facts.command);
    if (script === undefined) return undefined;
    const { dir, guessed } = outputDir(facts, script);
    if (dir.endsWith('/.next') && isStandalone(facts)) {
      // Next.js standalone output: a server.js with its own node_modules; no install in the runtime.
      return {
        artifacts: [{ source: `${dir}/standalone`, target: facts.command.cwd }, { source: `${dir}/static`, target: `${dir}/static` }],
        startCommand: ['node', 'server.js'],
        summary: `Next.js standalone: ${dir}/standalone`,
      };
    }
    const install = productionInstall(facts);
    return { artifacts: [artifact(dir, guessed)], runtimeSetup: install };
  },
  needsToolchain: (command: SimpleCommand) => PACKAGE_MANAGERS.has(commandName(command.argv)) || commandName(command.argv) === 'tsc',
  alsoInRuntime: (instruction: Instruction) => isManifestCopy(instruction),
};

/** The package.json script a command runs to build (`build`, `build:prod`), '' for a direct `tsc`, or undefined. */
function buildScript(command: SimpleCommand): string | undefined {
  const argv = command.argv;
  const name = commandName(argv);
  if (name === 'tsc' || (name === 'npx' && argv[1] === 'tsc')) return '';
  let script: string | undefined;
  if (name === 'npm' && (argv[1] === 'run' || argv[1] === 'run-script')) script = argv[2];
  else if ((name === 'yarn' || name === 'pnpm') && argv[1] === 'run') script = argv[2];
  else if (name === 'yarn' || name === 'pnpm') script = argv[1];
  return script && /^(build|compile|bundle|dist)(:|$)/.test(script) ? script : undefined;
}

/** The folder the build writes, from what the image runs, package.json or tsconfig.json; `dist` as a guess. */
function outputDir(facts: BuildFacts, script: string): { dir: string; guessed: boolean } {
  const cwd = facts.command.cwd;
  const ran = runPaths(facts).find((p) => isInside(p, cwd) && p !== cwd && !isInside(p, `${cwd}/node_modules`) && topEntryIn(cwd, p) !== p);
  if (ran) return { dir: topEntryIn(cwd, ran), guessed: false };
  const fromFiles = outputFromFiles(facts, script);
  if (fromFiles) return { dir: inCwd(facts, fromFiles), guessed: false };
  return { dir: inCwd(facts, 'dist'), guessed: true };
}

function outputFromFiles(facts: BuildFacts, script: string): string | undefined {
  const pkg = readJson(facts, 'package.json');
  const scripts = (pkg?.scripts ?? {}) as Record<string, unknown>;
  const command = typeof scripts[script] === 'string' ? (scripts[script] as string) : '';
  const flag = /--(?:outDir|out-dir|outdir|output-path)[= ](\S+)/.exec(command)?.[1];
  if (flag) return firstSegment(flag);
  for (const [pattern, dir] of TOOL_OUTPUT) if (pattern.test(command + ' ')) return dir;
  if (script === '' || /\btsc\b/.test(command)) {
    const outDir = (readJson(facts, 'tsconfig.json')?.compilerOptions as Record<string, unknown> | undefined)?.outDir;
    if (typeof outDir === 'string') return firstSegment(outDir);
  }
  const main = typeof pkg?.main === 'string' ? pkg.main : undefined;
  return main && main.includes('/') ? firstSegment(main) : undefined;
}

const firstSegment = (p: string) => p.replace(/^\.\//, '').split('/')[0];

/** The runtime's production-only install, following the builder's install command. */
function productionInstall(facts: BuildFacts): GeneratedLine[] {
  const install = facts.earlier.find((c) => installKind(c) !== undefined);
  if (!install) return [];
  const kind = installKind(install) as 'npm ci' | 'npm install' | 'yarn' | 'pnpm';
  const lines: GeneratedLine[] = [];
  if (!facts.before.some(isManifestCopy)) lines.push(line('COPY', `${MANIFEST_FILES[kind]} ./`));
  const corepack = facts.earlier.some((c) => commandName(c.argv) === 'corepack') && kind === 'pnpm' ? 'corepack enable && ' : '';
  lines.push(line('RUN', corepack + PRODUCTION_INSTALL[kind]));
  return lines;
}

const MANIFEST_FILES = {
  'npm ci': 'package.json package-lock.json',
  'npm install': 'package*.json',
  yarn: 'package.json yarn.lock',
  pnpm: 'package.json pnpm-lock.yaml',
};
const PRODUCTION_INSTALL = {
  'npm ci': 'npm ci --omit=dev',
  'npm install': 'npm install --omit=dev',
  yarn: 'yarn install --production --frozen-lockfile',
  pnpm: 'pnpm install --prod --frozen-lockfile',
};

/** Which dependency install a command is, if any. */
export function installKind(command: SimpleCommand): keyof typeof MANIFEST_FILES | undefined {
  const [first, sub] = command.argv;
  const name = baseName(first ?? '');
  if (name === 'npm' && sub === 'ci') return 'npm ci';
  if (name === 'npm' && (sub === 'install' || sub === 'i') && !command.argv.slice(2).some((a) => !a.startsWith('-'))) return 'npm install';
  if (name === 'yarn' && (sub === undefined || sub === 'install' || sub.startsWith('--'))) return 'yarn';
  if (name === 'pnpm' && (sub === 'install' || sub === 'i')) return 'pnpm';
  return undefined;
}

/** A COPY of package manifests only (`COPY package.json package-lock.json ./`). */
function isManifestCopy(instruction: Instruction): boolean {
  const args = copyArgs(instruction);
  return !!args && copiesFromContext(instruction) && args.sources.every((s) => MANIFESTS.test(baseName(s)));
}

/** Whether next.config.* sets `output: 'standalone'`. */
function isStandalone(facts: BuildFacts): boolean {
  return ['next.config.js', 'next.config.mjs', 'next.config.cjs', 'next.config.ts'].some((f) => /output\s*:\s*["'`]standalone["'`]/.test(facts.files?.read(f) ?? ''));
}
