/**
 * The program CMD/ENTRYPOINT runs, resolved (a built binary, an interpreter, node_modules/.bin, the
 * package.json script, a global install) and made to exist in the runtime stage: the installing RUN
 * goes to both stages, `cargo run`/`go run` become the built binary, or the refactor refuses with why.
 */
import type { Instruction } from 'dockerfile-ast';
import type { Stage, StageModel } from '../model';
import { installedPackages } from '../facts/installs';
import { readJson } from './ecosystems/hints';
import type { Artifact, ContextFiles, Ecosystem } from './ecosystems/types';
import type { Placement, RunFacts } from './extractPlan';
import { baseName, dirName, isInside, resolvePath } from '../facts/paths';
import { commandName, scriptCommands, type SimpleCommand } from '../facts/shellCommands';
import type { BuildState } from '../facts/stageState';

export interface CommandRewrite {
  /** The CMD or ENTRYPOINT to replace (the last one in the stage). */
  instruction: Instruction;
  /** The new exec-form words. */
  words: string[];
  /** Words of a CMD to drop when the ENTRYPOINT took them over. */
  dropCmd?: Instruction;
}

export interface ProgramInput {
  model: StageModel;
  stage: Stage;
  commands: SimpleCommand[][];
  placements: Placement[];
  artifacts: Artifact[];
  run: RunFacts;
  files?: ContextFiles;
  interpreted: boolean;
  ecosystem?: Ecosystem;
  states: BuildState[];
  split: number;
  /** What replaces the start script, when the build says (Next.js standalone: `node server.js`). */
  startCommand?: string[];
}

export type ProgramCheck = { refusal: string } | { alsoInRuntime: number[]; extraArtifacts: Artifact[]; rewrite?: CommandRewrite; artifacts?: Artifact[] };

/** What the runtime image of each ecosystem provides on PATH. */
const PROVIDED: Record<string, RegExp> = {
  node: /^(node|npm|npx|yarn|corepack|docker-entrypoint\.sh|bun|bunx)$/,
  python: /^(python[\d.]*|pip[\d.]*)$/,
  java: /^(java)$/,
  dotnet: /^(dotnet)$/,
  ruby: /^(ruby|gem|bundle|bundler|rake|irb)$/,
  php: /^(php|php-fpm|apache2-foreground|docker-php-entrypoint|apache2ctl|nginx)$/,
  static: /^(nginx|httpd|httpd-foreground|caddy)$/,
};
const ALWAYS = /^(sh|bash|env|exec|echo|cat|sleep|true)$/;
const TOOLCHAIN_RUNNERS = /^(mvn|mvnw|gradle|gradlew|cargo|go|make|tsc|javac|rustc|gcc|g\+\+|cc|mix|iex)$/;
/** What to run instead of a toolchain command, said in the refusal. */
const RUNNER_HINTS: Record<string, string> = { mix: '; build a release (RUN mix release) and run its bin/<app> start instead', iex: '; build a release (RUN mix release) and run its bin/<app> start instead' };
const DEV_RUNNERS = /^(ts-node|ts-node-dev|tsx|nodemon|babel-node|vite|webpack|webpack-dev-server|next dev)$/;

export function checkProgram(input: ProgramInput): ProgramCheck {
  const { run, artifacts } = input;
  const words = run.words;
  const ok = (extra: Partial<{ alsoInRuntime: number[]; extraArtifacts: Artifact[]; rewrite: CommandRewrite; artifacts: Artifact[] }> = {}) => ({ alsoInRuntime: [], extraArtifacts: [], ...extra });
  const program = words[0];
  if (!program || program.includes('$')) return ok();
  const name = baseName(program);

  if ((name === 'cargo' && words[1] === 'run') || (name === 'go' && words[1] === 'run')) return rewriteRunner(input, name);
  if (name === 'dotnet' && words[1] === 'run') return { refusal: 'CMD runs dotnet run, which builds at start-up and needs the SDK; run the published DLL instead (dotnet <App>.dll)' };
  if (TOOLCHAIN_RUNNERS.test(name)) return { refusal: `CMD runs ${words.slice(0, 2).join(' ')}, which needs the build toolchain in the image${RUNNER_HINTS[name] ?? ''}` };
  const starts = (/^(npm|yarn|pnpm|bun)$/.test(name) && (words[1] === 'start' || (words[1] === 'run' && words[2] === 'start'))) || (name === 'next' && words[1] === 'start');
  if (starts && input.startCommand) {
    const instruction = run.instructions[run.instructions.length - 1];
    if (instruction && input.stage.instructions.includes(instruction) && !run.instructions.some((i) => i !== instruction)) return ok({ rewrite: { instruction, words: input.startCommand } });
  }
  // `bun run dist/index.js` / `bun server.ts` run a file, as node does; `bun start` / `bun run x` a script.
  const bunFile = name === 'bun' && /[./]/.test((words[1] === 'run' ? words[2] : words[1]) ?? '');
  if (/^(npm|yarn|pnpm|bun)$/.test(name) && !bunFile) return checkScript(input, name);
  if (DEV_RUNNERS.test(name) || (name === 'npx' && DEV_RUNNERS.test(words[1] ?? ''))) return { refusal: `CMD runs ${name === 'npx' ? words[1] : name}, a development tool that runs the sources, which the runtime stage does not have` };

  if (program.includes('/')) {
    const path = resolvePath(run.workdir, program);
    if (artifacts.some((a) => isInside(path, a.target) || (a.target.endsWith('/') && dirName(path) === a.target.slice(0, -1)))) return ok();
    if (input.interpreted || /^\/(usr|bin|sbin|etc|opt\/venv)\//.test(path) || /^\/docker-entrypoint/.test(path)) return ok();
    return ok({ extraArtifacts: [{ source: path, target: path }] });
  }

  if (ALWAYS.test(name)) return ok();
  const installer = builderInstallOf(input, name);
  if (installer !== undefined) return ok({ alsoInRuntime: [installer] });
  const moved = ontoRuntimePath(input, name);
  if (moved) return ok({ artifacts: moved });
  if (artifacts.some((a) => baseName(a.target) === name || /\/bin$/.test(a.target) || /venv|bundle|\.local|site-packages/.test(a.target))) return ok();
  const provided = PROVIDED[input.ecosystem?.id ?? ''];
  if (provided?.test(name)) return ok();
  if (input.ecosystem?.id === 'static' || input.ecosystem?.id === 'php') return ok();
  return { refusal: `CMD runs ${name}, which the runtime image would not have: nothing the build produces or installs provides it` };
}

/** The folders on the PATH of every runtime image (Debian, Alpine, distroless, scratch as BuildKit sets it). */
const STANDARD_PATH = new Set(['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']);

/**
 * CMD names a program (`shortener`) that the toolchain image found on its own PATH (`go install` →
 * /go/bin, `cargo install` → /usr/local/cargo/bin) and the runtime image's PATH lacks: the artifact
 * goes to /usr/local/bin instead, where CMD finds it. Undefined when nothing needs moving.
 */
function ontoRuntimePath(input: ProgramInput, name: string): Artifact[] | undefined {
  const pathSet = (input.states[input.states.length - 1].env.get('PATH') ?? '').split(':').map((d) => d.replace(/\/$/, ''));
  const binDir = (a: Artifact) => (/\/bin$/.test(a.target) ? a.target : baseName(a.target) === name && /\/bin$/.test(dirName(a.target)) ? dirName(a.target) : undefined);
  const index = input.artifacts.findIndex((a) => !a.guessed && binDir(a) !== undefined);
  const dir = index >= 0 ? binDir(input.artifacts[index]) : undefined;
  if (!dir || STANDARD_PATH.has(dir) || pathSet.includes(dir)) return undefined;
  const provider = input.artifacts[index];
  const target = provider.target === dir ? '/usr/local/bin' : `/usr/local/bin/${name}`;
  return input.artifacts.map((a, i) => (i === index ? { ...a, target } : a));
}

/** `cargo run [--release] [--bin x] [-- args]` / `go run . args` → the binary the build step produced. */
function rewriteRunner(input: ProgramInput, name: string): ProgramCheck {
  const { run, artifacts } = input;
  const words = run.words;
  const binaries = artifacts.filter((a) => !a.guessed && !a.source.includes('*'));
  const wantedBin = words.find((w, i) => words[i - 1] === '--bin') ?? words.find((w) => w.startsWith('--bin='))?.slice(6);
  const release = words.includes('--release') || words.includes('-r');
  const candidates = binaries.filter((a) => (name === 'go' || /\/(release|debug)\//.test(a.target)) && (!wantedBin || baseName(a.target) === wantedBin) && (name === 'go' || !release || a.target.includes('/release/')));
  if (candidates.length !== 1) {
    return { refusal: `CMD runs ${name} run, which compiles at start-up and needs the toolchain; no build step produces exactly one binary it could run instead (add RUN ${name === 'cargo' ? 'cargo build --release' : 'go build -o /app/server .'})` };
  }
  let args: string[];
  if (name === 'cargo') {
    const dashes = words.indexOf('--');
    args = dashes >= 0 ? words.slice(dashes + 1) : [];
  } else {
    const pkg = words.findIndex((w, i) => i > 1 && !w.startsWith('-'));
    args = pkg >= 0 ? words.slice(pkg + 1) : [];
  }
  const instruction = run.instructions[run.instructions.length - 1];
  if (!instruction || !input.stage.instructions.includes(instruction)) return { refusal: `CMD runs ${name} run from an earlier stage; rewrite it to the built binary first` };
  const entrypoint = run.instructions.find((i) => i.getKeyword() === 'ENTRYPOINT');
  if (entrypoint && entrypoint !== instruction) return { refusal: `ENTRYPOINT and CMD together run ${name} run; rewrite them to the built binary first` };
  return { alsoInRuntime: [], extraArtifacts: [], rewrite: { instruction, words: [candidates[0].target, ...args] } };
}

/** `npm start`, `npm run x`, `yarn x`: the package.json script it runs must work with production dependencies. */
function checkScript(input: ProgramInput, manager: string): ProgramCheck {
  const words = input.run.words;
  const script = words[1] === 'run' || words[1] === 'run-script' ? words[2] : words[1];
  const ok = { alsoInRuntime: [], extraArtifacts: [] };
  if (!script || script === 'install' || script === 'ci') return ok;
  const pkg = readJson({ files: input.files } as never, 'package.json');
  if (!pkg) return input.files?.list ? { refusal: `CMD runs ${manager} ${script}, but package.json could not be read to see what it starts` } : ok;
  const scripts = (pkg.scripts ?? {}) as Record<string, unknown>;
  const text = typeof scripts[script] === 'string' ? (scripts[script] as string) : script === 'start' ? 'node server.js' : undefined;
  if (!text) return { refusal: `CMD runs ${manager} ${script}, but package.json has no "${script}" script` };
  const first = scriptCommands(text, input.run.workdir)[0]?.argv ?? [];
  const program = first[0] === 'npx' ? first[1] ?? '' : first[0] ?? '';
  const tsSource = first.find((w) => /\.(ts|tsx|mts)$/.test(w));
  if (tsSource) return { refusal: `${manager} ${script} runs ${program} on ${tsSource}, a TypeScript source; the runtime stage has only the build output (run the compiled JavaScript instead)` };
  if (program === 'node' || program === '') return ok;
  if (isDevDependencyProgram(pkg, program)) return { refusal: `${manager} ${script} runs ${program}, a devDependency, which the production install in the runtime stage leaves out` };
  return ok;
}

/** Whether `program` comes from a devDependency only (or is a development runner), so a production install lacks it. */
export function isDevDependencyProgram(pkg: Record<string, unknown>, program: string): boolean {
  const deps = (pkg.dependencies ?? {}) as Record<string, unknown>;
  const devDeps = (pkg.devDependencies ?? {}) as Record<string, unknown>;
  const packageOf = BIN_PACKAGES[program] ?? program;
  return deps[packageOf] === undefined && (devDeps[packageOf] !== undefined || DEV_RUNNERS.test(program));
}

/**
 * The entrypoint script of a Node image with a production install (`npx prisma migrate deploy` before
 * `exec node dist/index.js`): a program it runs from a devDependency is missing at run time.
 */
export function checkEntryScript(script: string, files: ContextFiles | undefined, workdir: string): { refusal: string } | undefined {
  const pkg = readJson({ files } as never, 'package.json');
  if (!pkg) return undefined;
  for (const command of scriptCommands(script, workdir)) {
    const argv = command.argv;
    const program = baseName(argv[0] === 'npx' || argv[0] === 'exec' ? argv.find((w, i) => i > 0 && !w.startsWith('-')) ?? '' : argv[0] ?? '');
    if (program && program !== 'node' && isDevDependencyProgram(pkg, program)) {
      return { refusal: `the entrypoint script runs ${program}, a devDependency, which the production install in the runtime stage leaves out (make it a dependency)` };
    }
  }
  return undefined;
}

/** Packages whose bin has another name. */
const BIN_PACKAGES: Record<string, string> = { 'ts-node-dev': 'ts-node-dev', nest: '@nestjs/cli', 'react-scripts': 'react-scripts', pm2: 'pm2', serve: 'serve' };

/** The builder-only RUN that installs `program` globally (npm -g, pip, gem, apt, apk), when one does. */
function builderInstallOf(input: ProgramInput, program: string): number | undefined {
  for (let i = 0; i < input.commands.length; i++) {
    if (input.placements[i] !== 'builder') continue;
    for (const c of input.commands[i]) {
      const name = commandName(c.argv);
      const global = (name === 'npm' && /^(i|install|add)$/.test(c.argv[1] ?? '') && c.argv.some((a) => a === '-g' || a === '--global')) || (name === 'yarn' && c.argv[1] === 'global') || (name === 'pnpm' && c.argv.includes('-g'));
      const packages = global ? c.argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'add') : name === 'gem' && c.argv[1] === 'install' ? c.argv.slice(2) : installedPackages(c) ?? [];
      if (packages.some((p) => p.replace(/@[^/]*$/, '').replace(/^@[^/]+\//, '') === program || p === program)) return i;
    }
  }
  return undefined;
}
