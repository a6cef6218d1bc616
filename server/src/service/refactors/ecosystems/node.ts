/**
 * Node: `npm run build` / `yarn build` / `pnpm build` / `tsc` → the output folder (dist/, build/, …,
 * from CMD, package.json or tsconfig.json); the runtime installs production dependencies only.
 */
import type { Instruction } from 'dockerfile-ast';
import { copiesFromContext, copyArgs, flagsOf } from '../../facts/instructionArgs';
import { baseName, isInside } from '../../facts/paths';
import { commandName, runScript, scriptCommands, type SimpleCommand } from '../../facts/shellCommands';
import { isDevDependencyProgram } from '../runtimeProgram';
import { installedPackages } from '../../facts/installs';
import { artifact, inCwd, line, readJson, runPaths, topEntryIn } from './hints';
import type { Artifact, BuildFacts, Ecosystem, GeneratedLine } from './types';
import { workspaceFolders, workspacePatterns } from '../dependencyManifests';

const MANIFESTS = /^(package(\*|-lock)?\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|\.npmrc|\.yarnrc(\.yml)?|bun\.lockb?|bunfig\.toml)$/;
const PACKAGE_MANAGERS = new Set(['npm', 'yarn', 'pnpm', 'npx', 'corepack', 'bun', 'bunx']);
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
    const label = isBun(facts) ? 'Bun' : undefined;
    const workspaces = workspacesOf(facts);
    const output = outputs(facts, dir, guessed, workspaces);
    const modules = compiledModules(facts);
    if (modules) return { artifacts: [...output, artifact(modules.dir)], runtimeSetup: modules.setup, runtimeEnv: modules.prune, label };
    // A static file server (`serve -s build`) reads only the build output: no dependencies at run time.
    if (servesFiles(facts.run.words)) return { artifacts: [artifact(dir, guessed)], label };
    const install = productionInstall(facts, workspaces);
    if ('refusal' in install) return { artifacts: [], refusal: install.refusal, label };
    // `prisma generate` writes the client into node_modules/.prisma, which the runtime's fresh install lacks.
    if (generatesPrismaClient(facts)) {
      const client = artifact(inCwd(facts, 'node_modules/.prisma'));
      return { artifacts: [...output, client], runtimeSetup: install.lines, slimLacks: { packages: { debian: ['openssl'], ubuntu: ['openssl'] }, loader: "Prisma's query engine" }, label };
    }
    return { artifacts: output, runtimeSetup: install.lines, label };
  },
  buildPackages: new Set(['python3', 'python', 'python-is-python3', 'py3-setuptools', 'py3-pip', 'node-gyp']),
  needsToolchain: (command: SimpleCommand) => PACKAGE_MANAGERS.has(commandName(command.argv)) || commandName(command.argv) === 'tsc',
  alsoInRuntime: (instruction: Instruction, run) => isManifestCopy(instruction) && !servesFiles(run.words),
};

/** The workspace patterns the project declares, and the folders they name (undefined when they cannot be listed). */
interface Workspaces {
  patterns?: string[];
  folders?: string[];
}

function workspacesOf(facts: BuildFacts): Workspaces {
  const patterns = workspacePatterns(facts.files);
  return { patterns, folders: patterns && workspaceFolders(facts.files, patterns) };
}

/** Bun builds the app: `bun run build` or a Bun builder image. */
function isBun(facts: BuildFacts): boolean {
  return commandName(facts.command.argv) === 'bun' || /^(docker\.io\/)?oven\/bun(:|@|$)/.test(facts.builderImage);
}

/** Whether the build runs `prisma generate` (itself, or through a package.json script it runs). */
function generatesPrismaClient(facts: BuildFacts): boolean {
  const scripts = Object.values((readJson(facts, 'package.json')?.scripts ?? {}) as Record<string, unknown>).filter((v): v is string => typeof v === 'string');
  const words = [...facts.earlier, facts.command].map((c) => c.argv.join(' '));
  return [...words, ...scripts].some((w) => /\bprisma generate\b/.test(w));
}

/** Static file servers an image runs on the build output (`serve -s build`, `npx http-server dist`). */
const FILE_SERVERS = /^(serve|http-server|live-server|static-server|sirv)$/;

/** Whether the container only serves files: CMD runs a static file server, globally installed or through npx. */
function servesFiles(words: readonly string[]): boolean {
  const program = baseName(words[0] ?? '');
  return FILE_SERVERS.test(program) || (program === 'npx' && FILE_SERVERS.test((words.find((w, i) => i > 0 && !w.startsWith('-')) ?? '').replace(/@[^@/]*$/, '')));
}

/**
 * What the runtime takes of the build: its output folder, and in a workspaces project every workspace
 * folder (`apps/`, `packages/`): the app requires its sibling workspaces through node_modules links.
 */
function outputs(facts: BuildFacts, dir: string, guessed: boolean, { folders }: Workspaces): Artifact[] {
  if (!folders || folders.length === 0) return [artifact(dir, guessed)];
  const roots = [...new Set(folders.map((f) => inCwd(facts, firstSegment(f))))];
  return [...(roots.some((r) => isInside(dir, r)) ? [] : [artifact(dir, guessed)]), ...roots.map((r) => artifact(r))];
}

/** Monorepo task runners building every workspace's `build` (`turbo run build --filter=api`, `nx build api`). */
function runsBuildTask(tool: string, args: readonly string[]): boolean {
  if (tool === 'turbo') return args[0] === 'build' || (args[0] === 'run' && /^build(:|$)/.test(args[1] ?? ''));
  if (tool === 'nx') return args[0] === 'build' || (args[0] === 'run' && /:build(:|$)/.test(args[1] ?? '')) || (args[0] === 'run-many' && args.some((a) => /^(-t|--targets?)(=build)?$/.test(a)) && args.includes('build'));
  return false;
}

/** The package.json script a command runs to build (`build`, `build:prod`), '' for a direct `tsc`, or undefined. */
function buildScript(command: SimpleCommand): string | undefined {
  const argv = command.argv;
  const name = commandName(argv);
  if (name === 'tsc' || (name === 'npx' && argv[1] === 'tsc')) return '';
  const viaNpx = name === 'npx' || name === 'pnpx';
  if (runsBuildTask(viaNpx ? baseName(argv[1] ?? '') : name, argv.slice(viaNpx ? 2 : 1))) return 'build';
  let script: string | undefined;
  if (name === 'npm' && (argv[1] === 'run' || argv[1] === 'run-script')) script = argv[2];
  else if ((name === 'yarn' || name === 'pnpm' || name === 'bun') && argv[1] === 'run') script = argv[2];
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
  const flag = /--(?:outDir|out-dir|outdir|output-path)[= ](\S+)/.exec(command)?.[1] ?? /(?:^|\s)(?:-o|--output|--outfile)[= ](\S+)/.exec(command)?.[1];
  if (flag) return firstSegment(flag);
  if (/\bvite build\b/.test(command)) {
    const configured = viteOutput(facts);
    if (configured) return configured;
  }
  if (/\bwebpack\b/.test(command)) {
    const configured = webpackOutput(facts);
    if (configured !== undefined) return configured ?? undefined;
  }
  for (const [pattern, dir] of TOOL_OUTPUT) if (pattern.test(command + ' ')) return dir;
  if (script === '' || /\b(tsc|nest build)\b/.test(command)) {
    const outDir = (readJson(facts, 'tsconfig.json')?.compilerOptions as Record<string, unknown> | undefined)?.outDir;
    if (typeof outDir === 'string') return firstSegment(outDir);
  }
  const main = typeof pkg?.main === 'string' ? pkg.main : undefined;
  return main && main.includes('/') ? firstSegment(main) : undefined;
}

const firstSegment = (p: string) => p.replace(/^\.\//, '').split('/')[0];

/**
 * Where vite.config.* sends the build: `build.outDir`, else the framework plugin's folder (Laravel's
 * laravel-vite-plugin writes public/build, vite_ruby's vite-plugin-ruby public/vite).
 */
function viteOutput(facts: BuildFacts): string | undefined {
  for (const name of ['vite.config.js', 'vite.config.ts', 'vite.config.mjs', 'vite.config.mts', 'vite.config.cjs']) {
    const text = facts.files?.read(name);
    if (text === undefined) continue;
    const outDir = /\boutDir\s*:\s*["'`]([^"'`$]+)["'`]/.exec(text)?.[1];
    if (outDir) return outDir.replace(/^\.\//, '').replace(/\/$/, '');
    if (/from\s+["']laravel-vite-plugin["']/.test(text)) return 'public/build';
    if (/from\s+["']vite-plugin-ruby["']/.test(text)) return 'public/vite';
  }
  return undefined;
}

/**
 * Where webpack.config.* sends the build (`output.path`: `path.resolve(__dirname, 'public', 'dist')`,
 * `__dirname + '/public/dist'`), relative to the project; null when the config sets a path this cannot
 * read (the output is then a guess), undefined when no config sets one (webpack's default dist/).
 */
function webpackOutput(facts: BuildFacts): string | null | undefined {
  for (const name of ['webpack.config.js', 'webpack.config.cjs', 'webpack.config.mjs', 'webpack.config.ts']) {
    const text = facts.files?.read(name);
    if (text === undefined) continue;
    const output = /\boutput\s*:\s*\{([^}]*)\}/.exec(text)?.[1];
    if (output === undefined || !/\bpath\s*:/.test(output)) return undefined;
    const path = /\bpath\s*:\s*(path\.(?:resolve|join)\(\s*__dirname\s*,[^)]*\)|__dirname\s*\+\s*["'`][^"'`$]*["'`]|["'`][^"'`$]*["'`])/.exec(output)?.[1];
    if (path === undefined) return null;
    const literals = [...path.matchAll(/["'`]([^"'`$]*)["'`]/g)].map((m) => m[1]);
    const joined = literals.join('/').replace(/\/{2,}/g, '/').replace(/^\.?\//, '').replace(/\/$/, '');
    return joined === '' || joined.startsWith('..') ? null : joined;
  }
  return undefined;
}

/** What a builder installs to compile native addons (node-gyp needs a C++ compiler and make). */
const NATIVE_TOOLCHAIN = new Set(['g++', 'gcc', 'make', 'build-base', 'build-essential', 'alpine-sdk']);

/**
 * When the builder installed a C toolchain before the dependencies, node_modules holds addons compiled
 * there: a fresh install on the runtime image (no compiler) would fail, so the runtime takes the
 * builder's node_modules (same libc and release) and, with npm, drops the devDependencies offline.
 */
function compiledModules(facts: BuildFacts): { dir: string; setup: GeneratedLine[]; prune: GeneratedLine[] } | undefined {
  const install = facts.earlier.find((c) => installKind(c) !== undefined);
  if (!install || !facts.earlier.some((c) => (installedPackages(c) ?? []).some((p) => NATIVE_TOOLCHAIN.has(p)))) return undefined;
  const kind = installKind(install) as InstallKind;
  const setup = facts.before.some(isManifestCopy) ? [] : [line('COPY', `${MANIFEST_FILES[kind]} ./`)];
  const npm = kind === 'npm ci' || kind === 'npm install';
  const prune = npm ? [line('RUN', 'npm prune --omit=dev', '# node_modules comes from the builder, which compiled its native addons; the devDependencies go.')] : [];
  return { dir: inCwd(facts, 'node_modules'), setup, prune };
}

/**
 * The runtime's production-only install, following the builder's install command. With workspaces the
 * install reads each workspace's package.json too: they are copied by folder, or, when the context
 * cannot be listed to find them, the refactor refuses.
 */
function productionInstall(facts: BuildFacts, { patterns, folders }: Workspaces): { lines: GeneratedLine[] } | { refusal: string } {
  const install = facts.earlier.find((c) => installKind(c) !== undefined);
  if (!install) return { lines: [] };
  const kind = installKind(install) as InstallKind;
  const berry = kind === 'yarn' && isYarnBerry(facts, install);
  const lines: GeneratedLine[] = [];
  if (!facts.before.some(isManifestCopy)) {
    if (patterns && !folders) return { refusal: `the project declares workspaces (${patterns.join(', ')}), whose package.json files the runtime's production install reads, and the build context could not be listed to find them` };
    const pnpmWorkspace = kind === 'pnpm' && facts.files?.read('pnpm-workspace.yaml') !== undefined ? ' pnpm-workspace.yaml' : '';
    lines.push(line('COPY', `${berry ? 'package.json yarn.lock .yarnrc.yml' : MANIFEST_FILES[kind]}${pnpmWorkspace} ./`));
    for (const folder of folders ?? []) lines.push(line('COPY', `${folder}/package.json ${folder}/`));
  }
  // The runtime image has npm and Yarn 1 only: pnpm and Yarn 2+ come the way the builder got them.
  const setup = kind === 'pnpm' || berry ? managerSetup(facts.earlier, kind === 'pnpm' ? 'pnpm' : 'yarn') : [];
  const npm = kind === 'npm ci' || kind === 'npm install';
  const production = npm && npmBefore7(facts.builderImage) ? PRODUCTION_INSTALL[kind].replace('--omit=dev', '--production') : PRODUCTION_INSTALL[kind];
  // A root install script running a devDependency (`"prepare": "husky install"`) fails the production install: npm drops it first.
  const failing = devLifecycleScripts(facts);
  if (failing.length > 0 && (!npm || npmBefore7(facts.builderImage))) {
    return { refusal: `package.json's ${failing.join(', ')} script runs a devDependency, which would fail the runtime's production install (${production})` };
  }
  const drop = failing.length > 0 ? [`npm pkg delete ${failing.map((n) => `scripts.${n}`).join(' ')}`] : [];
  const registry = registrySetup(facts);
  const run = [...setup, ...registry.before, ...drop, berry ? berryProductionInstall(facts) : production, ...registry.after].join(' && ');
  lines.push(line('RUN', [...registry.mounts, run].join(' ')));
  return { lines };
}

type InstallKind = keyof typeof MANIFEST_FILES;

const MANIFEST_FILES = {
  'npm ci': 'package.json package-lock.json',
  'npm install': 'package*.json',
  yarn: 'package.json yarn.lock',
  pnpm: 'package.json pnpm-lock.yaml',
  bun: 'package.json bun.lock*',
};
const PRODUCTION_INSTALL = {
  'npm ci': 'npm ci --omit=dev',
  'npm install': 'npm install --omit=dev',
  yarn: 'yarn install --production --frozen-lockfile',
  pnpm: 'pnpm install --prod --frozen-lockfile',
  bun: 'bun install --production --frozen-lockfile',
};

/** The commands that made the package manager available in the builder (`corepack enable`, `npm i -g pnpm@8`), as written. */
function managerSetup(earlier: readonly SimpleCommand[], manager: 'pnpm' | 'yarn'): string[] {
  const setup = earlier.filter((c) => commandName(c.argv) === 'corepack' || globalPackages(c).some((p) => packageName(p) === manager));
  // Written again on one line: a word holding a line break would not survive that.
  return [...new Set(setup.filter((c) => !c.argv.some((w) => /[\r\n]/.test(w))).map((c) => c.argv.map(shellWord).join(' ')))];
}

/** `pnpm@8` → `pnpm`, `@scope/cli@1` → `@scope/cli`. */
const packageName = (spec: string) => (spec.indexOf('@', 1) > 0 ? spec.slice(0, spec.indexOf('@', 1)) : spec);

/** The packages an `npm install -g` / `yarn global add` / `pnpm add -g` installs. */
function globalPackages(command: SimpleCommand): string[] {
  const argv = command.argv;
  const name = commandName(argv);
  const global = (name === 'npm' && /^(i|install|add)$/.test(argv[1] ?? '') && argv.some((a) => a === '-g' || a === '--global')) || (name === 'yarn' && argv[1] === 'global') || (name === 'pnpm' && argv.includes('-g'));
  return global ? argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'add') : [];
}

const shellWord = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/** Yarn 2+ ("berry"): its lockfile, `.yarnrc.yml`, `packageManager: yarn@2+` or the berry-only `--immutable`. */
function isYarnBerry(facts: BuildFacts, install: SimpleCommand): boolean {
  if (install.argv.includes('--immutable')) return true;
  const manager = readJson(facts, 'package.json')?.packageManager;
  if (typeof manager === 'string' && /^yarn@([2-9]|\d{2,})/.test(manager)) return true;
  return facts.files?.read('.yarnrc.yml') !== undefined || /^__metadata:/m.test(facts.files?.read('yarn.lock') ?? '');
}

/**
 * Yarn 2+ has no `install --production`: `workspaces focus --production` is built into Yarn 4 and needs
 * the workspace-tools plugin before; without it the runtime installs everything (larger, still working).
 */
function berryProductionInstall(facts: BuildFacts): string {
  const manager = readJson(facts, 'package.json')?.packageManager;
  const major = typeof manager === 'string' ? Number(/^yarn@(\d+)/.exec(manager)?.[1]) : NaN;
  const plugin = /plugin-workspace-tools/.test(facts.files?.read('.yarnrc.yml') ?? '');
  return major >= 4 || plugin ? 'yarn workspaces focus --all --production' : 'yarn install --immutable';
}

/** A step of an `&&` chain that sets up or removes registry credentials (`echo "//…/:_authToken=${NPM_TOKEN}" >> .npmrc`, `npm config set`). */
const REGISTRY_STEP = /\.npmrc\b|\.yarnrc(\.yml)?\b|\b(npm|yarn|pnpm) config set\b/;

/**
 * The registry credentials of the builder's install, as written: its RUN's secret and ssh mounts
 * (`--mount=type=secret,id=npmrc,target=/root/.npmrc`) and the setup chained around it (`echo
 * "//…/:_authToken=${NPM_TOKEN}" >> .npmrc && npm ci && rm -f .npmrc`). The runtime's production
 * install needs the same to reach private packages, and removes them the same way.
 */
function registrySetup(facts: BuildFacts): { mounts: string[]; before: string[]; after: string[] } {
  for (const instruction of facts.before) {
    if (instruction.getKeyword() !== 'RUN') continue;
    const steps = andSteps(runScript(instruction, '\\'));
    const at = steps.findIndex((step) => installKind({ argv: step.split(/\s+/), assignments: {}, cwd: '' }) !== undefined);
    if (at < 0) continue;
    const setup = (list: string[]) => list.filter((step) => REGISTRY_STEP.test(step) && !/[\r\n]/.test(step));
    const mounts = flagsOf(instruction).filter((f) => f.getName() === 'mount' && /(^|,)type=(secret|ssh)(,|$)/.test(f.getValue() ?? '')).map((f) => `--mount=${f.getValue()}`);
    return { mounts, before: setup(steps.slice(0, at)), after: setup(steps.slice(at + 1)) };
  }
  return { mounts: [], before: [], after: [] };
}

/** The steps of a shell `&&` chain, split outside quotes, trimmed. */
function andSteps(script: string): string[] {
  const out: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '&' && script[i + 1] === '&') {
      out.push(script.slice(start, i).trim());
      start = i + 2;
      i++;
    }
  }
  out.push(script.slice(start).trim());
  return out.filter((step) => step !== '');
}

/** The root package's install-time scripts (preinstall, install, postinstall, prepare) whose program is a devDependency. */
function devLifecycleScripts(facts: BuildFacts): string[] {
  const pkg = readJson(facts, 'package.json');
  const scripts = (pkg?.scripts ?? {}) as Record<string, unknown>;
  return ['preinstall', 'install', 'postinstall', 'prepare'].filter((name) => {
    const text = scripts[name];
    if (!pkg || typeof text !== 'string') return false;
    return scriptCommands(text, facts.command.cwd).some((c) => {
      const program = c.argv[0] === 'npx' ? c.argv.find((w, i) => i > 0 && !w.startsWith('-')) ?? '' : c.argv[0] ?? '';
      return program !== '' && isDevDependencyProgram(pkg, program);
    });
  });
}

/** Node before 15 ships npm 6, which does not know `--omit=dev` (it installs the devDependencies too); `--production` it knows. */
function npmBefore7(image: string): boolean {
  const major = Number(/(?:^|\/)node:(\d+)/.exec(image)?.[1]);
  return major > 0 && major < 15;
}

/** Which dependency install a command is, if any. */
export function installKind(command: SimpleCommand): InstallKind | undefined {
  const [first, sub] = command.argv;
  const name = baseName(first ?? '');
  if (name === 'npm' && sub === 'ci') return 'npm ci';
  if (name === 'npm' && (sub === 'install' || sub === 'i') && !command.argv.slice(2).some((a) => !a.startsWith('-'))) return 'npm install';
  if (name === 'yarn' && (sub === undefined || sub === 'install' || sub.startsWith('--'))) return 'yarn';
  if (name === 'pnpm' && (sub === 'install' || sub === 'i')) return 'pnpm';
  if (name === 'bun' && (sub === 'install' || sub === 'i') && !command.argv.slice(2).some((a) => !a.startsWith('-'))) return 'bun';
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
