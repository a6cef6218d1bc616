/**
 * The build target and the stages it needs: the one meaning of "needed" that the graph, the
 * unreachable-stage rule, code lenses and the refactors share. Beyond the model's references, a FROM
 * whose base holds a variable (`FROM base-${VARIANT}`) may select any earlier stage its literal parts
 * match (`base-a`, `base-b`) at build time, so all of them count: a stage a `--build-arg` can pick is
 * never unused. A FROM that is only a variable (`FROM ${BASE}`) has no literal part to match and
 * counts only the stage its ARG default selects (already a model reference); counting every earlier
 * stage would make each such FROM need the whole file.
 */
import { ancestorsOf } from './stageState';
import { findStageByName, type Stage, type StageModel } from '../model';
import type { Settings } from '../../protocol';
import { escapeRegExp } from './text';
import { perModel } from './memo';

/** The stage `docker build` builds: the configured target (by name) or the last stage; undefined when the target names no stage. */
export function buildTarget(model: StageModel, settings: Pick<Settings, 'target'>): Stage | undefined {
  const name = settings.target.trim();
  if (name === '') return model.stages[model.stages.length - 1];
  return findStageByName(model, name);
}

/**
 * Per stage: the stages it may depend on (ascending), including every stage an ARG-selected FROM may
 * pick. Computed once per model; each variable FROM is matched against the distinct stage names once.
 */
export function possibleDependencies(model: StageModel): readonly number[][] {
  return perModel(model, 'possibleDependencies', () => computeDependencies(model));
}

function computeDependencies(model: StageModel): number[][] {
  const deps = model.dependsOn.map((d) => d);
  const matchesByValue = new Map<string, Stage[]>();
  for (const stage of model.stages) {
    const value = stage.fromReference?.value;
    if (!value?.includes('$')) continue;
    let matches = matchesByValue.get(value);
    if (!matches) matchesByValue.set(value, (matches = stagesMatching(model, value)));
    const extra = matches.filter((s) => s.index < stage.index).map((s) => s.index);
    if (extra.length > 0) deps[stage.index] = [...new Set([...deps[stage.index], ...extra])].sort((a, b) => a - b);
  }
  return deps;
}

/** The stages whose names a variable base could spell: none when the value has no literal part. */
function stagesMatching(model: StageModel, value: string): Stage[] {
  const pattern = variablePattern(value);
  if (!pattern || !hasLiteralPart(value)) return [];
  const out: Stage[] = [];
  for (const [name, stages] of model.stagesByName) if (pattern.test(name)) out.push(...stages);
  return out;
}

function hasLiteralPart(value: string): boolean {
  return value.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '').trim() !== '';
}

/** The earlier stages a stage's FROM may build on: the resolved stage, or every stage its variable base may select. */
export function possibleParents(model: StageModel, stage: Stage): Stage[] {
  const ref = stage.fromReference;
  if (!ref) return [];
  if (ref.value.includes('$')) return possibleDependencies(model)[stage.index].filter((d) => isFromParent(model, stage, d)).map((d) => model.stages[d]);
  return ref.resolution.kind === 'stage' ? [model.stages[ref.resolution.stage]] : [];
}

/** Whether stage `d` is (one of) the stages `stage`'s FROM may select, not only a `--from` it copies from. */
function isFromParent(model: StageModel, stage: Stage, d: number): boolean {
  const ref = stage.fromReference;
  if (ref?.resolution.kind === 'stage' && ref.resolution.stage === d) return true;
  const name = model.stages[d].normalizedName;
  const pattern = ref && hasLiteralPart(ref.value) ? variablePattern(ref.value) : undefined;
  return !!name && !!pattern && pattern.test(name);
}

/** Per stage: the stages that (may) depend on it. */
export function possibleUsers(model: StageModel): Stage[][] {
  const users: Stage[][] = model.stages.map(() => []);
  const deps = possibleDependencies(model);
  for (const stage of model.stages) for (const d of deps[stage.index]) users[d]?.push(stage);
  return users;
}

/**
 * Stages needed to build `target` (itself included, and the stage `ARG SOURCE_DATE_EPOCH=<stage>`
 * names: every build reads its timestamp), counting ARG-selected alternatives: one walk over the
 * cached dependencies.
 */
export function neededStages(model: StageModel, target: number): Set<number> {
  const deps = possibleDependencies(model);
  const roots = model.epochStage !== undefined && model.epochStage !== target ? [target, model.epochStage] : [target];
  const seen = new Set<number>(roots);
  const stack = [...roots];
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
      source += escapeRegExp(c);
      i++;
    }
  }
  return new RegExp(`^${source.replace(/(\.\*)+/g, '.*')}$`, 'i');
}
