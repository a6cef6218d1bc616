/**
 * The analysis behind "Extract builder stage": where the build happens, what it produces, which
 * instructions stay in the builder, which go to the runtime stage (or both), and the runtime image.
 */
import type { Instruction } from 'dockerfile-ast';
import type { Stage, StageModel } from '../model';
import type { Settings } from '../../protocol';
import { ecosystems } from './ecosystems';
import { guessArtifact } from './ecosystems/fallback';
import type { Artifact, BuildStep, ContextFiles, Ecosystem, GeneratedLine } from './ecosystems/types';
import { commandWords } from '../facts/instructionArgs';
import { imageFamily, imageForPackageManager, runtimeImageFor, type RuntimeChoice } from './runtimeImages';
import { runCommands, commandName, type SimpleCommand } from '../facts/shellCommands';
import { ancestorsOf, rootImage, statesOf, type BuildState } from '../facts/stageState';
import { freshName } from './stageNameSuggestion';

export type Placement = 'builder' | 'runtime' | 'both';

export interface ExtractPlan {
  stage: Stage;
  builderName: string;
  runtime: RuntimeChoice;
  /** The ecosystem of the build, when one was recognized. */
  ecosystem?: Ecosystem;
  /** Index of the first and the last build RUN. */
  firstBuild: number;
  split: number;
  placements: Placement[];
  artifacts: Artifact[];
  builderSetup: GeneratedLine[];
  runtimeSetup: GeneratedLine[];
  runtimeEnv: GeneratedLine[];
  summary?: string;
  states: BuildState[];
}

/** Metadata the runtime image keeps exactly as written. */
export const RUNTIME_KEYWORDS = new Set(['EXPOSE', 'LABEL', 'MAINTAINER', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD', 'VOLUME', 'STOPSIGNAL', 'ONBUILD', 'USER']);
/** Context both stages need wherever it appears. */
const SHARED_KEYWORDS = new Set(['WORKDIR', 'ENV', 'ARG', 'SHELL']);
const USER_CREATION = new Set(['useradd', 'adduser', 'groupadd', 'addgroup']);

interface Detected {
  index: number;
  ecosystem: Ecosystem;
  step: BuildStep;
}

export function planExtraction(model: StageModel, stageIndex: number, settings: Settings, files?: ContextFiles): ExtractPlan | undefined {
  const stage = model.stages[stageIndex];
  if (!stage || stageIndex !== model.stages.length - 1 || !stage.baseImage) return undefined;
  const root = rootImage(model, stage);
  let runtime = runtimeImageFor(root.written, root.expanded, settings);
  const states = statesOf(model, stage, runtime.toolchain?.workdir);
  const commands = stage.instructions.map((instruction, i) =>
    instruction.getKeyword() === 'RUN' ? runCommands(instruction, model.escapeChar, states[i].workdir) : [],
  );
  const order = orderedEcosystems(runtime);
  const detect = (runtimeImage: string) => detectBuilds(model, stage, commands, states, order, { builderImage: root.written, runtimeImage, files });

  let detected = detect(runtime.image);
  if (detected.length === 0 && !runtime.isToolchain) return undefined;
  const lastRun = commands.map((c, i) => (c.length > 0 ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
  if (lastRun < 0) return undefined;
  const split = detected.length > 0 ? detected[detected.length - 1].index : lastRun;
  const ecosystem = detected[detected.length - 1]?.ecosystem ?? order[0];
  const placements = stage.instructions.map((instruction, i) => place(instruction, i, split, commands[i], ecosystem));

  const needed = packageManagerNeeded(placements, commands);
  if (needed && !runtime.fromSettings && imageFamily(runtime.image) !== needed) {
    runtime = { ...runtime, image: imageForPackageManager(needed) };
    detected = detect(runtime.image);
  }
  const steps = detected.map((d) => d.step);
  // A guess is only kept from the last build step: a later step (`make install` after `make`) knows better.
  const artifacts = dedupe(steps.flatMap((s, i) => s.artifacts.filter((a) => !a.guessed || i === steps.length - 1)), (a) => a.source);
  if (artifacts.length === 0) {
    const guess = guessArtifact(states[split], runFacts(model, stage, states));
    // Copying the builder's whole filesystem would gain nothing.
    if (!guess) return undefined;
    artifacts.push(guess);
  }
  return {
    stage,
    builderName: freshName(model, 'builder'),
    runtime,
    ecosystem: detected.length > 0 ? ecosystem : undefined,
    firstBuild: detected[0]?.index ?? split,
    split,
    placements,
    artifacts,
    builderSetup: dedupe(steps.flatMap((s) => s.builderSetup ?? []), lineKey),
    runtimeSetup: dedupe(steps.flatMap((s) => s.runtimeSetup ?? []), lineKey),
    runtimeEnv: dedupe(steps.flatMap((s) => s.runtimeEnv ?? []), lineKey),
    summary: steps.find((s) => s.summary)?.summary,
    states,
  };
}

/** The toolchain's own ecosystem first, then the others. */
function orderedEcosystems(runtime: RuntimeChoice): Ecosystem[] {
  const own = ecosystems.find((e) => e.id === runtime.toolchain?.ecosystem);
  return own ? [own, ...ecosystems.filter((e) => e !== own)] : ecosystems;
}

function detectBuilds(
  model: StageModel,
  stage: Stage,
  commands: SimpleCommand[][],
  states: BuildState[],
  order: Ecosystem[],
  images: { builderImage: string; runtimeImage: string; files?: ContextFiles },
): Detected[] {
  const run = runFacts(model, stage, states);
  const earlier: SimpleCommand[] = [];
  const found: Detected[] = [];
  commands.forEach((runCommandsOfInstruction, index) => {
    for (const command of runCommandsOfInstruction) {
      const env = new Map([...states[index].env, ...Object.entries(command.assignments)]);
      const facts = { command, earlier: [...earlier], env, before: stage.instructions.slice(0, index), run, ...images };
      for (const ecosystem of order) {
        const step = ecosystem.buildStep(facts);
        if (step) {
          found.push({ index, ecosystem, step });
          break;
        }
      }
      earlier.push(command);
    }
  });
  return found;
}

/** ENTRYPOINT + CMD words in effect at the end of the stage (ancestors included), and their WORKDIR. */
export function runFacts(model: StageModel, stage: Stage, states: BuildState[]): { words: string[]; workdir: string } {
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  for (const s of [...ancestorsOf(model, stage), stage]) {
    for (const instruction of s.instructions) {
      if (instruction.getKeyword() === 'ENTRYPOINT') {
        entrypoint = commandWords(instruction);
        cmd = [];
      } else if (instruction.getKeyword() === 'CMD') cmd = commandWords(instruction);
    }
  }
  return { words: [...entrypoint, ...cmd], workdir: states[states.length - 1].workdir };
}

function place(instruction: Instruction, index: number, split: number, commands: SimpleCommand[], ecosystem: Ecosystem): Placement {
  const keyword = instruction.getKeyword();
  if (SHARED_KEYWORDS.has(keyword)) return 'both';
  if (keyword === 'USER') return index < split ? 'both' : 'runtime';
  if (RUNTIME_KEYWORDS.has(keyword)) return 'runtime';
  if (index <= split) {
    if (keyword === 'RUN' && commands.some((c) => USER_CREATION.has(commandName(c.argv)))) return 'both';
    if ((keyword === 'COPY' || keyword === 'ADD') && ecosystem.alsoInRuntime?.(instruction)) return 'both';
    return 'builder';
  }
  if (keyword === 'RUN' && commands.some((c) => ecosystems.some((e) => e.needsToolchain(c)))) return 'builder';
  return 'runtime';
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

const lineKey = (l: GeneratedLine) => `${l.keyword} ${l.args}`;

function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && !!seen.add(key(item)));
}
