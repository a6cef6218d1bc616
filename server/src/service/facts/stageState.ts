/**
 * What is in effect at each instruction of a stage — WORKDIR, ENV, USER — following the stage's FROM
 * through earlier stages, so artifact paths resolve exactly where the build wrote them.
 */
import type { Instruction } from 'dockerfile-ast';
import type { Stage, StageModel } from '../model';
import { properties, userOf, workdirPath } from './instructionArgs';
import { resolvePath } from './paths';

export interface BuildState {
  workdir: string;
  env: Map<string, string>;
  user?: string;
}

/** The stages a stage is built FROM, root first (the stage itself excluded). */
export function ancestorsOf(model: StageModel, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<number>([stage.index]);
  let current = stage;
  while (current.fromReference?.resolution.kind === 'stage') {
    const parent = model.stages[current.fromReference.resolution.stage];
    if (!parent || seen.has(parent.index)) break;
    seen.add(parent.index);
    chain.push(parent);
    current = parent;
  }
  // Built child to root and reversed once: unshift per step made a chain of n stages cost n².
  return chain.reverse();
}

/** The image at the root of a stage's FROM chain: as written, and after global ARG defaults. */
export function rootImage(model: StageModel, stage: Stage): { written: string; expanded: string } {
  const root = ancestorsOf(model, stage)[0] ?? stage;
  const resolution = root.fromReference?.resolution;
  const expanded = resolution?.kind === 'image' && resolution.expanded !== undefined ? resolution.expanded : root.baseImage;
  return { written: root.baseImage, expanded };
}

/** Applies one instruction to a state. */
export function advance(state: BuildState, instruction: Instruction): BuildState {
  switch (instruction.getKeyword()) {
    case 'WORKDIR': {
      const path = workdirPath(instruction);
      return path ? { ...state, workdir: resolvePath(state.workdir, path) } : state;
    }
    case 'ENV': {
      const env = new Map(state.env);
      for (const [name, value] of properties(instruction)) env.set(name, value ?? '');
      return { ...state, env };
    }
    case 'USER':
      return { ...state, user: userOf(instruction) };
    default:
      return state;
  }
}

/**
 * The state before each instruction of `stage` (index i), and after the last one (index length).
 * `inherited`: the state after the stage's parent, when the caller walks a FROM chain and has it
 * (saves re-walking every ancestor for every stage of a long chain).
 */
export function statesOf(model: StageModel, stage: Stage, imageWorkdir = '/', inherited?: BuildState): BuildState[] {
  let state: BuildState = inherited ?? { workdir: imageWorkdir, env: new Map() };
  if (!inherited) for (const ancestor of ancestorsOf(model, stage)) for (const instruction of ancestor.instructions) state = advance(state, instruction);
  const states = [state];
  for (const instruction of stage.instructions) {
    state = advance(state, instruction);
    states.push(state);
  }
  return states;
}
