/**
 * The build target and what it needs. Beyond the model's graph, a FROM whose base holds a variable
 * (`FROM base-${VARIANT}`) may select any earlier stage its pattern matches at build time, so all of
 * them count as needed: a stage picked by `--build-arg` is never reported as unused.
 */
import { ancestorsOf } from '../../refactors/stageState';
import { findStageByName, type Stage, type StageModel } from '../../model';
import type { Settings } from '../../../protocol';

/** The stage `docker build` builds: the configured target (by name) or the last stage; undefined when the target names no stage. */
export function buildTarget(model: StageModel, settings: Settings): Stage | undefined {
  const name = settings.target.trim();
  if (name === '') return model.stages[model.stages.length - 1];
  return findStageByName(model, name);
}

/** Per stage: the stages it may depend on, including every stage an ARG-selected FROM may pick. */
export function possibleDependencies(model: StageModel): number[][] {
  const deps = model.dependsOn.map((d) => [...d]);
  for (const stage of model.stages) {
    const ref = stage.fromReference;
    if (!ref || !/\$/.test(ref.value)) continue;
    const pattern = variablePattern(ref.value);
    if (!pattern) continue;
    for (const other of model.stages) {
      if (other.index >= stage.index || !other.normalizedName) continue;
      if (pattern.test(other.normalizedName) && !deps[stage.index].includes(other.index)) deps[stage.index].push(other.index);
    }
  }
  return deps;
}

/** Stages needed to build `target` (itself included), counting ARG-selected alternatives. */
export function neededStages(model: StageModel, target: number, deps = possibleDependencies(model)): Set<number> {
  const seen = new Set<number>([target]);
  const stack = [target];
  while (stack.length > 0) {
    const s = stack.pop() as number;
    for (const d of deps[s] ?? []) {
      if (!seen.has(d)) {
        seen.add(d);
        stack.push(d);
      }
    }
  }
  return seen;
}

/** The stage and the stages it is built FROM: the layers that end up in its image, root first. */
export function imageChain(model: StageModel, stage: Stage): Stage[] {
  return [...ancestorsOf(model, stage), stage];
}

/** `base-${VARIANT}` → /^base-.*$/i; undefined when the value is too odd to read. */
export function variablePattern(value: string): RegExp | undefined {
  if (value.length > 256) return undefined;
  let source = '';
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    if (c === '$' && value[i + 1] === '{') {
      const close = value.indexOf('}', i + 2);
      if (close < 0) return undefined;
      source += '.*';
      i = close + 1;
    } else if (c === '$' && /[A-Za-z_]/.test(value[i + 1] ?? '')) {
      i += 2;
      while (i < value.length && /[A-Za-z0-9_]/.test(value[i])) i++;
      source += '.*';
    } else {
      source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  return new RegExp(`^${source.replace(/(\.\*)+/g, '.*')}$`, 'i');
}
