/**
 * The analysis behind "Extract builder stage": where the build happens, what it produces (the artifact
 * path taken from CMD/ENTRYPOINT first, then build flags, then conventions, and following the post-build
 * steps that move it), which instructions stay in the builder, which go to the runtime stage (or both),
 * the runtime image (same libc and distro release), the files the app reads at run time, and whether the
 * program the image runs exists in the runtime stage. When it cannot be sure it returns a refusal with
 * the reason, which the action shows disabled.
 */
import type { Instruction } from 'dockerfile-ast';
import type { Stage, StageModel } from '../model';
import type { Settings } from '../../protocol';
import { installedPackages } from '../facts/installs';
import { ecosystems } from './ecosystems';
import { guessArtifact } from './ecosystems/fallback';
import { installCommand, isDevPackage, keptPackages, runtimePackagesFor } from './ecosystems/nativeLibs';
import { PHP_EXTENSION_COMMANDS } from './ecosystems/php';
import type { Artifact, BuildStep, ContextFiles, Ecosystem, GeneratedLine } from './ecosystems/types';
import { commandWords, copyArgs, healthcheckCommands } from '../facts/instructionArgs';
import { baseName, isInside, resolvePath } from '../facts/paths';
import { distroOf, recognizedRef, runtimeImageFor, toolchainFor, type RuntimeChoice, type RuntimeNeeds } from './runtimeImages';
import { runCommands, commandName, optionValue, scriptCommands, execForm, type SimpleCommand } from '../facts/shellCommands';
import { ancestorsOf, rootImage, statesOf, type BuildState } from '../facts/stageState';
import { defaultGlobalArgs } from '../facts/buildArgs';
import { followPostBuildSteps, isPostBuildStep } from './postBuildSteps';
import { runtimeFilesFor, unlistedContextCopy } from './runtimeFiles';
import { checkEntryScript, checkProgram, type CommandRewrite } from './runtimeProgram';
import { stageNamesFor } from './extractNames';

export type Placement = 'builder' | 'runtime' | 'both';

export interface ExtractPlan {
  stage: Stage;
  builderName: string;
  /** The name the runtime stage keeps (only when something uses it). */
  runtimeName?: string;
  runtime: RuntimeChoice;
  ecosystem?: Ecosystem;
  firstBuild: number;
  split: number;
  placements: Placement[];
  artifacts: Artifact[];
  /** Files of the build context the app reads at run time (templates/, static/, config…). */
  runtimeFiles: Artifact[];
  /** Where the build copied the whole context when no listing of it was available: its run-time files are unknown. */
  unlistedContext?: string;
  builderSetup: GeneratedLine[];
  runtimeSetup: GeneratedLine[];
  runtimeEnv: GeneratedLine[];
  /** ENV of the toolchain image that lines of the runtime stage read (`WORKDIR $GOPATH/src/app`), set again first. */
  imageEnv: GeneratedLine[];
  /** CMD/ENTRYPOINT rewritten to what runs without the toolchain (`cargo run` → the binary). */
  rewrite?: CommandRewrite;
  summary?: string;
  /** The runtime's name in the title (the ecosystem's unless a build step names another). */
  label?: string;
  states: BuildState[];
}

export interface ExtractRefusal {
  refusal: string;
  ecosystem?: Ecosystem;
}

/** Metadata the runtime image keeps exactly as written. */
export const RUNTIME_KEYWORDS = new Set(['EXPOSE', 'LABEL', 'MAINTAINER', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD', 'VOLUME', 'STOPSIGNAL', 'ONBUILD', 'USER']);
/** Context both stages need wherever it appears. */
const SHARED_KEYWORDS = new Set(['WORKDIR', 'ENV', 'ARG', 'SHELL']);
const USER_CREATION = new Set(['useradd', 'adduser', 'groupadd', 'addgroup']);

interface Detected {
  index: number;
  /** The build command's position among its RUN's commands. */
  commandIndex: number;
  ecosystem: Ecosystem;
  step: BuildStep;
}

export function isRefusal(plan: ExtractPlan | ExtractRefusal | undefined): plan is ExtractRefusal {
  return !!plan && 'refusal' in plan;
}

export function planExtraction(model: StageModel, stageIndex: number, settings: Settings, files?: ContextFiles): ExtractPlan | ExtractRefusal | undefined {
  const stage = model.stages[stageIndex];
  if (!stage || stageIndex !== model.stages.length - 1 || !stage.baseImage) return undefined;
  const root = rootImage(model, stage);
  const toolchain = toolchainFor(recognizedRef(root.written, root.expanded));
  const states = statesOf(model, stage, toolchain?.workdir);
  const commands = stage.instructions.map((instruction, i) => (instruction.getKeyword() === 'RUN' ? runCommands(instruction, model.escapeChar, states[i].workdir) : []));
  const own = ecosystems.find((e) => e.id === toolchain?.ecosystem);
  const order = own ? [own, ...ecosystems.filter((e) => e !== own)] : ecosystems;
  const run = runFacts(model, stage, states);
  const detected = asAssetBuilds(detectBuilds(model, stage, commands, states, order, run, root.written, toolchain?.env ?? {}, files), own);
  // Nothing built on an interpreter image that ships as it is (python, ruby): nothing to offer.
  if (detected.length === 0 && (!toolchain || toolchain.ecosystem === 'python' || toolchain.ecosystem === 'ruby')) return undefined;
  const lastRun = commands.map((c, i) => (c.length > 0 ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
  const ecosystem = appStepOf(detected, own)?.ecosystem ?? detected[detected.length - 1]?.ecosystem ?? own;
  if (lastRun < 0) {
    const runner = /^(go|cargo|dotnet|mvn|gradle|mix|swift)$/.test(run.words[0] ?? '') && run.words[1] === 'run' ? `${run.words[0]} run` : undefined;
    const refusal = runner ? `CMD runs ${runner}, which compiles at start-up and needs the toolchain, and no RUN builds the program first` : 'the stage runs no build step to move into a builder';
    return { refusal, ecosystem };
  }
  const refused = detected.find((d) => d.step.refusal);
  if (refused?.step.refusal) return { refusal: refused.step.refusal, ecosystem };
  let split = detected.length > 0 ? detected[detected.length - 1].index : lastRun;

  const steps = detected.map((d) => d.step);
  // A guess is only kept from the last build step: a later step (`make install` after `make`) knows better.
  // The same program built again later (`cargo build` of a dependency-caching stub, then `cargo install`): the last build is the one kept.
  const ran = new Set(run.words.map((w) => resolvePath(run.workdir, w)));
  const builtLater = (i: number, a: Artifact) => !ran.has(a.target) && steps.slice(i + 1).some((later) => later.artifacts.some((b) => !b.guessed && b.source !== a.source && baseName(b.source) === baseName(a.source)));
  let artifacts = dedupe(steps.flatMap((s, i) => s.artifacts.filter((a) => (!a.guessed || i === steps.length - 1) && !builtLater(i, a))), (a) => a.source);
  if (artifacts.length === 0) {
    const guess = guessArtifact(states[split], run);
    if (!guess) return { refusal: 'no build output could be found: the build writes neither to a WORKDIR nor to the path CMD/ENTRYPOINT runs', ecosystem };
    artifacts.push(guess);
  }
  const interpreted = steps.some((s) => s.interpreted);
  const buildArea = [...new Set([...detected.map((d) => commands[d.index].find(() => true)?.cwd ?? ''), ...contextDestinations(stage, states), ...artifacts.map((a) => a.source)])].filter((p) => p !== '' && p !== '/');

  // Copies and moves after the build in the same RUN (`npm run build && cp -r dist/. /var/www/html/`).
  const last = detected[detected.length - 1];
  if (last) artifacts = followPostBuildSteps(artifacts, commands[last.index].slice(last.commandIndex + 1));
  // Post-build steps that shape the output (cp, mv, chmod, ln, rm) stay in the builder; the artifact path follows them.
  // Not for an interpreted app: its runtime copies the sources again, and they need the same shaping (`chown -R www-data storage`).
  for (let i = split + 1; i < stage.instructions.length && !interpreted; i++) {
    if (stage.instructions[i].getKeyword() !== 'RUN' || !isPostBuildStep(commands[i], buildArea)) continue;
    artifacts = followPostBuildSteps(artifacts, commands[i]);
    split = i;
  }

  const placements = stage.instructions.map((instruction, i) => place(instruction, i, split, commands[i], ecosystem, run));
  const programCheck = checkProgram({ model, stage, commands, placements, artifacts, run, files, interpreted, ecosystem, states, split, startCommand: steps.find((s) => s.startCommand)?.startCommand });
  if ('refusal' in programCheck) return { refusal: programCheck.refusal, ecosystem };
  for (const index of programCheck.alsoInRuntime) placements[index] = 'both';
  artifacts = dedupe([...(programCheck.artifacts ?? artifacts), ...programCheck.extraArtifacts], (a) => a.source);

  const builderDistro = distroOf(root.expanded.includes('$') ? root.written : root.expanded);
  const builderPackages = builderOnlyPackages(placements, commands);
  // A full toolchain image (rust, python, gcc: buildpack-deps underneath) ships -dev libraries a build links without installing them.
  const implied = /slim|alpine/.test(root.expanded) ? [] : steps.flatMap((s) => s.impliedDevPackages ?? []);
  const devPackages = [...new Set([...builderPackages.filter(isDevPackage), ...implied])];
  const entryScript = entryScriptOf(stage, states, run, files);
  const entryRefusal = entryScript !== undefined && steps.some((s) => s.runtimeSetup?.some((l) => /--omit=dev|--production|--prod\b/.test(l.args))) ? checkEntryScript(entryScript, files, run.workdir) : undefined;
  if (entryRefusal) return { refusal: entryRefusal.refusal, ecosystem };
  const kept = keptPackages(builderPackages, programsRun(commands, placements, (p) => p === 'builder'), runTimePrograms(model, stage, run, commands, placements, entryScript), builderDistro, ecosystem?.buildPackages);
  for (const p of steps.flatMap((s) => s.runtimePackages ?? [])) if (builderPackages.includes(p) && !kept.includes(p)) kept.push(p);
  const needs: RuntimeNeeds = {
    dynamicLibc: steps.some((s) => s.dynamicLibc),
    cxx: steps.some((s) => s.cxx),
    shell: needsShell(model, stage, placements) || !!entryScript,
    packages: devPackages.length > 0 || kept.length > 0,
    web: steps.find((s) => s.web !== undefined)?.web,
    hasUser: [...ancestorsOf(model, stage), stage].some((s) => s.instructions.some((i) => i.getKeyword() === 'USER')),
  };
  let runtime = runtimeImageFor(root.written, root.expanded, settings, needs);
  if (runtime.refusal) return { refusal: runtime.refusal, ecosystem };
  const manager = packageManagerNeeded(placements, commands);
  if (manager && !runtime.fromSettings && (runtime.distro?.family === 'alpine') !== (manager === 'apk')) {
    if (manager === 'apt' || needs.dynamicLibc) return { refusal: `RUNs left in the runtime stage call ${manager === 'apk' ? 'apk' : 'apt-get'}, which ${runtime.image} does not have`, ecosystem };
    runtime = { ...runtime, image: 'alpine:3.20', distro: { family: 'alpine', release: '3.20' } };
  }

  // The runtime keeps the builder's image, so it runs the same servers: their configuration edits apply to it too.
  if (runtime.image === root.written || runtime.image === root.expanded) {
    placements.forEach((p, i) => {
      if (p === 'builder' && i < split && commands[i].length > 0 && commands[i].every(editsServerConfig)) placements[i] = 'both';
    });
  }

  // What the output loads that the toolchain image had and a slimmer runtime image lacks.
  const family = runtime.distro?.family;
  const lacking = runtime.image === root.written || runtime.image === root.expanded || !family ? [] : steps.flatMap((s) => (s.slimLacks?.packages[family as 'debian'] ?? []).map((p) => ({ p, loader: s.slimLacks!.loader })));
  const loaded = lacking.filter(({ p }) => !kept.includes(p) && !devPackages.includes(p));
  const runtimeSetup: GeneratedLine[] = [];
  const builderSetup = dedupe(steps.flatMap((s) => s.builderSetup ?? []), lineKey);
  if (devPackages.length > 0 || kept.length > 0 || loaded.length > 0) {
    const distro = runtime.distro ?? builderDistro;
    if (!distro) return { refusal: `the build installs ${[...devPackages, ...kept].join(', ')} but the runtime image's distribution is unknown`, ecosystem };
    const { packages, unknown } = runtimePackagesFor(devPackages, distro);
    if (unknown.length > 0) return { refusal: `no runtime library package is known for ${unknown.join(', ')} on ${distro.family} ${distro.release}`, ecosystem };
    const loaders = [...new Set(loaded.map((l) => l.loader))];
    const why = [...(packages.length > 0 ? [`the runtime libraries of ${devPackages.join(', ')}`] : []), ...(kept.length > 0 ? [`what the container runs (${kept.join(', ')})`] : []), ...(loaded.length > 0 ? [`what ${loaders.join(' and ')} loads (${loaded.map((l) => l.p).join(', ')})`] : [])].join(', and ');
    const all = [...new Set([...packages, ...kept, ...loaded.map((l) => l.p)])];
    if (all.length > 0) runtimeSetup.push({ keyword: 'RUN', args: installCommand(all, distro), comment: `# ${why[0].toUpperCase()}${why.slice(1)}.` });
  }
  const names = stageNamesFor(model, stage, settings, files);
  if (toolchain?.image === 'gcc' && needs.cxx && runtime.distro?.family !== 'alpine') runtimeSetup.push(...gccRuntimeLibraries(root.written, runtime.image, names.builder));
  if (steps.some((s) => s.staticIfCgoDisabled) && !needs.dynamicLibc && /distroless\/static|^scratch/.test(runtime.image) && !builderSetup.some((l) => l.args.startsWith('CGO_ENABLED'))) {
    builderSetup.push({ keyword: 'ENV', args: 'CGO_ENABLED=0', comment: `# A static binary, so it runs on ${runtime.image}.` });
  }
  // A Node build on its own image still sheds the devDependencies and the sources.
  const nodeBuild = ecosystem?.id === 'node' && detected.length > 0;
  if (!nodeBuild && !gains(runtime, root, placements, commands, stage)) {
    return { refusal: `the runtime image would be ${runtime.image}, the builder's own image, so a builder stage would remove nothing`, ecosystem };
  }

  const runtimeEnv = dedupe(steps.flatMap((s) => s.runtimeEnv ?? []), lineKey);
  const runWorkdir = states[states.length - 1].workdir;
  // Java, .NET and Elixir package what they read (jar resources, the publish folder, the release); interpreters get the whole app.
  const packaged = interpreted || ecosystem?.id === 'java' || ecosystem?.id === 'dotnet' || ecosystem?.id === 'static' || ecosystem?.id === 'elixir';
  const filesInput = { stage, states, files, run, artifacts, placements, workdir: runWorkdir, ecosystem: ecosystem?.id, packaged: packaged && !interpreted };
  const runtimeFiles = interpreted ? [] : runtimeFilesFor(filesInput);
  const unlistedContext = packaged ? undefined : unlistedContextCopy(filesInput);
  if (runtime.nonRootUser && !needs.hasUser && !exposesPrivilegedPort(stage)) runtimeEnv.push({ keyword: 'USER', args: runtime.nonRootUser });
  return {
    stage,
    builderName: names.builder,
    runtimeName: names.runtime,
    runtime,
    ecosystem: detected.length > 0 ? ecosystem : undefined,
    firstBuild: detected[0]?.index ?? split,
    split,
    placements,
    artifacts,
    runtimeFiles,
    unlistedContext,
    builderSetup,
    runtimeSetup: [...runtimeSetup, ...dedupe(steps.flatMap((s) => s.runtimeSetup ?? []), lineKey)],
    runtimeEnv,
    imageEnv: imageEnvRead(toolchain?.env ?? {}, states, stage, placements, artifacts, root.written),
    rewrite: programCheck.rewrite,
    summary: steps.find((s) => s.summary)?.summary,
    label: steps.find((s) => s.label)?.label ?? ecosystem?.label,
    states,
  };
}

/** Ecosystems whose app runs from its sources, which the runtime stage copies as they are. */
const SOURCE_APPS = new Set(['python', 'ruby', 'php']);

/**
 * The build step of an interpreted app (PHP's composer, Ruby's bundler, Python's pip): the app's
 * ecosystem, whatever else builds. Not on another toolchain's image (a Node app that pip-installs a tool).
 */
function appStepOf(detected: Detected[], own: Ecosystem | undefined): Detected | undefined {
  if (own && !SOURCE_APPS.has(own.id)) return undefined;
  return [...detected].reverse().find((d) => d.step.interpreted || SOURCE_APPS.has(d.ecosystem.id));
}

/**
 * An interpreted app that also builds its front-end assets with Node (Laravel's `npm run build`, a
 * Django bundle): the Node build only makes files the app serves. The runtime takes its output folder
 * and runs no Node (no production install); when that folder is unknown, the refactor refuses.
 */
function asAssetBuilds(detected: Detected[], own: Ecosystem | undefined): Detected[] {
  const app = appStepOf(detected, own);
  if (!app) return detected;
  return detected.map((d) => {
    if (d.ecosystem.id !== 'node' || d.step.refusal) return d;
    const [output] = d.step.artifacts;
    const refusal = !output || output.guessed ? `the ${app.ecosystem.label} app also builds front-end assets with Node, and the folder they are written to could not be found (set an output folder in the build script, e.g. --outDir)` : undefined;
    return { ...d, step: refusal ? { artifacts: [], refusal } : { artifacts: [output], summary: undefined } };
  });
}

/**
 * The build steps of the stage. A RUN sees, under its ENV, the ARGs declared before it (their defaults)
 * and the toolchain image's own ENV (rust's CARGO_HOME), which decide where a build writes.
 */
function detectBuilds(model: StageModel, stage: Stage, commands: SimpleCommand[][], states: BuildState[], order: Ecosystem[], run: RunFacts, builderImage: string, imageEnv: Readonly<Record<string, string>>, files?: ContextFiles): Detected[] {
  const earlier: SimpleCommand[] = [];
  const found: Detected[] = [];
  const args = argDefaults(model, stage);
  commands.forEach((runCommandsOfInstruction, index) => {
    runCommandsOfInstruction.forEach((command, commandIndex) => {
      const home = homeOf(states[index].user, earlier);
      const env = new Map([...Object.entries(imageEnv), ...(home ? [['HOME', home] as const] : []), ...args[index], ...states[index].env, ...Object.entries(command.assignments)]);
      const facts = { command, earlier: [...earlier], env, before: stage.instructions.slice(0, index), run, builderImage, files };
      for (const ecosystem of order) {
        const step = ecosystem.buildStep(facts);
        if (step) {
          found.push({ index, commandIndex, ecosystem, step });
          break;
        }
      }
      earlier.push(command);
    });
  });
  return found;
}

/**
 * The home folder of the USER a RUN runs as (its HOME, where `pip install --user` and `~/.cargo` write):
 * the `-d`/`--home`/`-h` of the command that created the user, else /home/<name>; /root for root.
 */
function homeOf(user: string | undefined, earlier: readonly SimpleCommand[]): string | undefined {
  const name = user?.split(':')[0];
  if (!name || name === 'root' || name === '0') return undefined;
  if (/^\d+$/.test(name)) return undefined;
  for (const c of [...earlier].reverse()) {
    if (!USER_CREATION.has(commandName(c.argv)) || c.argv[c.argv.length - 1] !== name) continue;
    const home = optionValue(c.argv, ['-d', '--home-dir', '--home', '-h']);
    if (home) return home;
  }
  return `/home/${name}`;
}

/**
 * The toolchain image's ENV (golang's GOPATH) that lines of the runtime stage read: the runtime image
 * does not set it, so `WORKDIR $GOPATH/src/app` and the artifact paths would land elsewhere without it.
 */
function imageEnvRead(imageEnv: Readonly<Record<string, string>>, states: BuildState[], stage: Stage, placements: Placement[], artifacts: Artifact[], image: string): GeneratedLine[] {
  const texts = [...stage.instructions.filter((_, i) => placements[i] !== 'builder').map((i) => i.getTextContent()), ...artifacts.flatMap((a) => [a.source, a.target])];
  const read = Object.entries(imageEnv).filter(([name]) => !states[states.length - 1].env.has(name) && texts.some((t) => new RegExp(`\\$\\{?${name}\\b`).test(t)));
  return read.length === 0 ? [] : [{ keyword: 'ENV', args: read.map(([name, value]) => `${name}=${value}`).join(' '), comment: `# Set by ${image}, and read below.` }];
}

/** The ARG defaults in effect before each instruction of the stage (a bare ARG takes the global scope's value). */
function argDefaults(model: StageModel, stage: Stage): Map<string, string>[] {
  const globals = defaultGlobalArgs(model);
  let current = new Map<string, string>();
  return stage.instructions.map((instruction) => {
    const before = current;
    if (instruction.getKeyword() === 'ARG') {
      current = new Map(current);
      for (const arg of instruction.getArguments()) {
        const [name, ...rest] = arg.getValue().split('=');
        const value = rest.length > 0 ? rest.join('=').replace(/^(["'])(.*)\1$/, '$2') : globals.get(name);
        if (value !== undefined) current.set(name, value);
      }
    }
    return before;
  });
}

export interface RunFacts {
  words: string[];
  workdir: string;
  /** The CMD/ENTRYPOINT instructions in effect, in the stage itself (for rewriting). */
  instructions: Instruction[];
}

/** ENTRYPOINT + CMD words in effect at the end of the stage (ancestors included), and their WORKDIR. */
export function runFacts(model: StageModel, stage: Stage, states: BuildState[]): RunFacts {
  let entrypoint: readonly string[] = [];
  let cmd: readonly string[] = [];
  let instructions: Instruction[] = [];
  for (const s of [...ancestorsOf(model, stage), stage]) {
    for (const instruction of s.instructions) {
      if (instruction.getKeyword() === 'ENTRYPOINT') {
        entrypoint = commandWords(instruction);
        cmd = [];
        instructions = [instruction];
      } else if (instruction.getKeyword() === 'CMD') {
        cmd = commandWords(instruction);
        instructions = [...instructions.filter((i) => i.getKeyword() === 'ENTRYPOINT'), instruction];
      }
    }
  }
  let words = [...entrypoint, ...cmd];
  // `sh -c "…"` runs its script: what matters is the script's first command.
  if (/^(\/bin\/)?(ba)?sh$/.test(words[0] ?? '') && words[1] === '-c' && words[2]) words = scriptCommands(words[2], '')[0]?.argv ?? words;
  return { words, workdir: states[states.length - 1].workdir, instructions };
}

function place(instruction: Instruction, index: number, split: number, commands: SimpleCommand[], ecosystem: Ecosystem | undefined, run: RunFacts): Placement {
  const keyword = instruction.getKeyword();
  if (SHARED_KEYWORDS.has(keyword)) return 'both';
  if (keyword === 'USER') return index < split ? 'both' : 'runtime';
  if (RUNTIME_KEYWORDS.has(keyword)) return 'runtime';
  if (keyword === 'RUN' && commands.some((c) => USER_CREATION.has(commandName(c.argv)) || PHP_EXTENSION_COMMANDS.has(commandName(c.argv)))) return 'both';
  if (keyword === 'RUN' && index < split && preparesDirectories(commands)) return 'both';
  if ((keyword === 'COPY' || keyword === 'ADD') && configuresSystem(instruction)) return 'both';
  if (index <= split) {
    if ((keyword === 'COPY' || keyword === 'ADD') && ecosystem?.alsoInRuntime?.(instruction, run)) return 'both';
    return 'builder';
  }
  if (keyword === 'RUN' && commands.some((c) => ecosystems.some((e) => e.needsToolchain(c)))) return 'builder';
  return 'runtime';
}

/**
 * A RUN that only makes folders and hands them to a user (`mkdir -p /home/node/app && chown -R node:node
 * /home/node/app`): the runtime stage needs them as much, or a later USER could not write there
 * (WORKDIR alone makes its folder owned by root).
 */
function preparesDirectories(commands: SimpleCommand[]): boolean {
  const made = new Set<string>();
  let handed = false;
  for (const c of commands) {
    const name = commandName(c.argv);
    const paths = c.argv.slice(1).filter((a) => !a.startsWith('-'));
    if (name === 'mkdir') for (const p of paths) made.add(resolvePath(c.cwd, p));
    else if (name === 'chown' || name === 'chmod') {
      if (!paths.slice(1).every((p) => made.has(resolvePath(c.cwd, p)))) return false;
      handed = true;
    } else return false;
  }
  // A bare `mkdir /app` is what WORKDIR and COPY do anyway: it stays in the builder (no shell needed in the runtime).
  return made.size > 0 && handed;
}

/** Configuration folders of the servers an image runs (apache2, nginx, php.ini); not the package managers'. */
const SERVER_CONFIG = /^["']?(\/etc\/(?!apt\/|apk\/|yum|dnf\/|pip\.conf)|\/usr\/local\/etc\/|\$\{?(PHP_INI_DIR|APACHE_CONFDIR|NGINX_CONF_DIR)\b)/;

/** `sed -i … /etc/apache2/…`, `cp "$PHP_INI_DIR/php.ini-production" "$PHP_INI_DIR/php.ini"`, `a2enmod rewrite`: a command that configures a server of the image. */
function editsServerConfig(command: SimpleCommand): boolean {
  const argv = command.argv;
  const name = commandName(argv);
  if (/^a2(en|dis)(mod|site|conf)$/.test(name)) return true;
  const paths = argv.slice(1).filter((a) => /^["']?[/$]/.test(a));
  if (name === 'sed') return argv.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith('--in-place')) && paths.length > 0 && paths.every((p) => SERVER_CONFIG.test(p));
  // Every operand a path of the image (a context file the runtime lacks would fail the copy there).
  const operands = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (name === 'cp' || name === 'mv' || name === 'ln') return operands.length >= 2 && paths.length === operands.length && SERVER_CONFIG.test(argv[argv.length - 1]);
  return false;
}

/** A context COPY into the system's configuration or entrypoint folders (nginx.conf, an entrypoint script): the runtime needs it. */
function configuresSystem(instruction: Instruction): boolean {
  const args = copyArgs(instruction);
  return !!args && args.from === undefined && /^\/(etc|docker-entrypoint\.d|usr\/local\/etc|usr\/local\/bin|usr\/share\/nginx)(\/|$)/.test(args.destination);
}

/** Where COPY/ADD put build-context files in the stage (`COPY . /src` → /src). */
function contextDestinations(stage: Stage, states: BuildState[]): string[] {
  return stage.instructions.flatMap((instruction, i) => {
    const args = copyArgs(instruction);
    if (!args || args.from !== undefined) return [];
    return [resolvePath(states[i].workdir, args.destination)];
  });
}

/** Whether the image needs a shell: shell-form CMD/ENTRYPOINT/HEALTHCHECK, or RUNs left in the runtime. */
function needsShell(model: StageModel, stage: Stage, placements: Placement[]): boolean {
  if (placements.some((p, i) => p !== 'builder' && stage.instructions[i].getKeyword() === 'RUN')) return true;
  for (const s of [...ancestorsOf(model, stage), stage]) {
    for (const instruction of s.instructions) {
      const keyword = instruction.getKeyword();
      if ((keyword === 'CMD' || keyword === 'ENTRYPOINT') && !execForm(instruction)) return true;
      if (keyword === 'HEALTHCHECK' && /\bCMD\s+(?!\[)/i.test(instruction.getTextContent())) return true;
    }
  }
  return false;
}

/** The package manager RUNs in the runtime stage call (`apt-get` → apt, `apk` → apk). */
function packageManagerNeeded(placements: Placement[], commands: SimpleCommand[][]): 'apt' | 'apk' | undefined {
  for (let i = 0; i < placements.length; i++) {
    if (placements[i] === 'builder') continue;
    for (const c of commands[i]) {
      const name = commandName(c.argv);
      if (name === 'apt-get' || name === 'apt' || name === 'dpkg') return 'apt';
      if (name === 'apk') return 'apk';
    }
  }
  return undefined;
}

/**
 * The script the image starts (`ENTRYPOINT ["./docker-entrypoint.sh"]`), read from the build context
 * the stage copied it from: it needs a shell, its interpreter and the programs it calls at run time.
 */
function entryScriptOf(stage: Stage, states: BuildState[], run: RunFacts, files: ContextFiles | undefined): string | undefined {
  const program = run.words[0];
  if (!program || !files || !/\.(sh|bash)$|^[^.]+$/.test(baseName(program)) || !program.includes('/')) return undefined;
  const path = resolvePath(run.workdir, program);
  for (let i = stage.instructions.length - 1; i >= 0; i--) {
    const args = copyArgs(stage.instructions[i]);
    if (!args || args.from !== undefined) continue;
    const destination = resolvePath(states[i].workdir, args.destination);
    for (const source of args.sources) {
      const relative = source === '.' || source === './' ? (isInside(path, destination) && path !== destination ? path.slice(destination.length).replace(/^\//, '') : undefined)
        : baseName(source) === baseName(path) && (resolvePath(destination, baseName(source)) === path || destination === path) ? source.replace(/^\.\//, '') : undefined;
      const text = relative !== undefined ? files.read(relative) : undefined;
      if (text !== undefined) return text.startsWith('#!') ? text : undefined;
    }
  }
  return undefined;
}

/** The programs the RUNs placed as `which` call. */
function programsRun(commands: SimpleCommand[][], placements: Placement[], which: (p: Placement) => boolean): Set<string> {
  return new Set(placements.flatMap((p, i) => (which(p) ? commands[i].map((c) => commandName(c.argv)) : [])));
}

/**
 * The programs the running container calls that no runtime RUN installs: CMD/ENTRYPOINT's and
 * HEALTHCHECK's (`curl -f http://localhost/ || exit 1`), the stages it builds on included.
 */
function runTimePrograms(model: StageModel, stage: Stage, run: RunFacts, commands: SimpleCommand[][], placements: Placement[], entryScript: string | undefined): Set<string> {
  const programs = new Set<string>(run.words[0] ? [baseName(run.words[0])] : []);
  if (entryScript !== undefined) {
    const interpreter = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(entryScript);
    if (interpreter) programs.add(baseName(interpreter[1]) === 'env' && interpreter[2] ? interpreter[2] : baseName(interpreter[1]));
    for (const c of scriptCommands(entryScript, run.workdir)) programs.add(commandName(c.argv));
  }
  for (const s of [...ancestorsOf(model, stage), stage]) {
    for (const instruction of s.instructions) {
      if (instruction.getKeyword() === 'HEALTHCHECK') for (const c of healthcheckCommands(instruction)) programs.add(commandName(c.argv));
    }
  }
  const installedInRuntime = new Set(placements.flatMap((p, i) => (p !== 'builder' ? commands[i].flatMap((c) => installedPackages(c) ?? []) : [])));
  return new Set([...programs].filter((p) => !installedInRuntime.has(p)));
}

/** Packages installed by RUNs that stay only in the builder. */
function builderOnlyPackages(placements: Placement[], commands: SimpleCommand[][]): string[] {
  return [...new Set(placements.flatMap((p, i) => (p === 'builder' ? commands[i].flatMap((c) => installedPackages(c) ?? []) : [])))];
}

/**
 * Whether the runtime stage is smaller than the original: another image, or the same image without
 * what the builder installed or copied from other images (hugo, composer, compilers).
 */
function gains(runtime: RuntimeChoice, root: { written: string; expanded: string }, placements: Placement[], commands: SimpleCommand[][], stage: Stage): boolean {
  if (runtime.image !== root.written && runtime.image !== root.expanded) return true;
  return placements.some((p, i) => {
    if (p !== 'builder') return false;
    const instruction = stage.instructions[i];
    if (instruction.getKeyword() === 'COPY' && copyArgs(instruction)?.from !== undefined) return true;
    if (instruction.getKeyword() === 'ADD' && /https?:\/\//.test(instruction.getTextContent())) return true;
    return commands[i].some((c) => (installedPackages(c) ?? []).length > 0 || ['curl', 'wget'].includes(commandName(c.argv)));
  });
}

/**
 * The official gcc images build their compiler from source into /usr/local, so g++ links against a
 * libstdc++ (and libgcc_s) newer than the Debian release underneath ships: a binary built there can
 * fail to load on that release's slim image (`GLIBCXX_3.4.3x not found`). The runtime takes the
 * builder's own copies, which stay backward compatible for everything else in the image.
 */
function gccRuntimeLibraries(builderImage: string, runtimeImage: string, builder: string): GeneratedLine[] {
  return [
    { keyword: 'COPY', args: `--from=${builder} /usr/local/lib64/libstdc++.so.6 /usr/local/lib64/libgcc_s.so.1 /usr/local/lib64/`, comment: `# g++ of ${builderImage} links a newer libstdc++ than ${runtimeImage} ships: the runtime takes the builder's.` },
    { keyword: 'ENV', args: 'LD_LIBRARY_PATH=/usr/local/lib64' },
  ];
}

/** A port below 1024, which a non-root user could not bind. */
function exposesPrivilegedPort(stage: Stage): boolean {
  return stage.instructions.some((i) => i.getKeyword() === 'EXPOSE' && i.getArguments().some((a) => Number(/^\d+/.exec(a.getValue())?.[0] ?? 1024) < 1024));
}

const lineKey = (l: GeneratedLine) => `${l.keyword} ${l.args}`;

function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && !!seen.add(key(item)));
}

