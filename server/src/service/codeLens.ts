/**
 * Stage lenses, the rust-analyzer way: `stageRunnables` (stageRunnables.ts) finds what can be built, and
 * `codeLenses` turns that into lenses whose commands the *client* runs — only the commands the client
 * said it handles (`InitializationOptions.handledCommands`, `METHODS.handledCommands` in protocol.ts). Pure: model in, LSP types out.
 */
import type { CodeLens, Range } from 'vscode-languageserver-types';
import { formatBytes, STAGE_COMMANDS, type ShowReferencesArgs, type StageCommandArgs, type StageSizeInfo, type StageSummary } from '../protocol';
import { stageLabel, stageTitle } from './facts/labels';
import { neededStages, possibleDependencies } from './facts/neededStages';
import { stageAnchor, type Stage, type StageModel, type StageReference } from './model';
import { stageRunnables, type Runnable } from './stageRunnables';
import { stageHasNoShell } from './stageShell';


export function stageSummaries(model: StageModel): StageSummary[] {
  return stageRunnables(model).map((r) => {
    const stage = model.stages[r.stageIndex];
    return {
      uri: model.uri,
      stage: r.label,
      stageIndex: r.stageIndex,
      isLast: r.isLast,
      name: stage.name,
      baseImage: stage.baseImage,
      buildable: r.buildable,
      noShell: stageHasNoShell(model, stage),
    };
  });
}

export interface CodeLensOptions {
  /** Command ids the client declared it handles; lenses for other commands are not offered. */
  commands: ReadonlySet<string>;
  /** Per stage index, who builds it as a target from other files (`compose service api`). */
  buildUsers?: ReadonlyMap<number, readonly string[]>;
  /** Image sizes the client read after builds, by stage label: shown in the build lens. */
  sizes?: Record<string, StageSizeInfo>;
}

export function codeLenses(model: StageModel, opts: CodeLensOptions): CodeLens[] {
  const lenses: CodeLens[] = [];
  // Per-stage lookups computed once, so a file of thousands of stages stays linear.
  const info = opts.commands.has(STAGE_COMMANDS.showReferences) ? { needed: neededSets(model), refs: referencesByStage(model) } : undefined;
  for (const runnable of stageRunnables(model)) {
    const args: StageCommandArgs = { uri: model.uri, stage: runnable.label, stageIndex: runnable.stageIndex, isLast: runnable.isLast };
    const quoted = `'${runnable.label}'`;
    if (runnable.buildable && opts.commands.has(STAGE_COMMANDS.build)) {
      const size = opts.sizes?.[runnable.label];
      const title = (runnable.isLast ? '▶ Build image' : `▶ Build stage ${quoted}`) + (size ? ` · ${formatBytes(size.bytes)}` : '');
      lenses.push({ range: runnable.range, command: { title, command: STAGE_COMMANDS.build, arguments: [args] } });
    }
    const noShell = runnable.buildable && stageHasNoShell(model, model.stages[runnable.stageIndex]);
    if (noShell && opts.commands.has(STAGE_COMMANDS.inspectFiles)) {
      const title = model.stages[runnable.stageIndex].name ? `▤ Inspect files in ${quoted}` : '▤ Inspect image files';
      lenses.push({ range: runnable.range, command: { title, command: STAGE_COMMANDS.inspectFiles, arguments: [args] } });
    }
    if (runnable.buildable && !noShell && opts.commands.has(STAGE_COMMANDS.shell)) {
      const title = model.stages[runnable.stageIndex].name ? `⌨ Shell in ${quoted}` : '⌨ Shell in image';
      lenses.push({ range: runnable.range, command: { title, command: STAGE_COMMANDS.shell, arguments: [args] } });
    }
    if (info) {
      const stage = model.stages[runnable.stageIndex];
      const refArgs: ShowReferencesArgs = {
        uri: model.uri,
        position: stageAnchor(stage).start,
        locations: info.refs[stage.index].map((r) => ({ uri: model.uri, range: r.range })),
      };
      lenses.push({
        range: runnable.range,
        command: { title: stageInfo(model, stage, runnable, info.needed[stage.index], opts.buildUsers?.get(stage.index)), command: STAGE_COMMANDS.showReferences, arguments: [refArgs] },
      });
    }
  }
  return lenses;
}

const MAX_NAMES = 5;

/** References resolving to each stage (what `referencesTo` gives), in one pass. */
function referencesByStage(model: StageModel): StageReference[][] {
  const out: StageReference[][] = model.stages.map(() => []);
  for (const r of model.references) if (r.resolution.kind === 'stage') out[r.resolution.stage]?.push(r);
  return out;
}

/**
 * Per stage, the other stages building it builds too (what `neededStages` gives), as bitsets in one
 * pass in index order: dependencies always point to earlier stages. A chain of n stages costs n²/32
 * word operations instead of n² set insertions.
 */
function neededSets(model: StageModel): Uint32Array[] {
  const words = (model.stages.length + 31) >>> 5;
  const sets: Uint32Array[] = [];
  const deps = possibleDependencies(model);
  for (let i = 0; i < model.stages.length; i++) {
    const set = new Uint32Array(words);
    for (const dep of deps[i] ?? []) {
      if (dep >= i) continue;
      const depSet = sets[dep];
      for (let w = 0; w < words; w++) set[w] |= depSet[w];
      set[dep >>> 5] |= 1 << (dep & 31);
    }
    sets.push(set);
  }
  return sets;
}

/** The members of a bitset, ascending, and their count (members beyond `max` are only counted). */
function members(set: Uint32Array, max: number): { first: number[]; count: number } {
  const first: number[] = [];
  let count = 0;
  for (let w = 0; w < set.length; w++) {
    for (let bits = set[w]; bits !== 0; bits &= bits - 1) {
      if (first.length < max) first.push((w << 5) + (31 - Math.clz32(bits & -bits)));
      count++;
    }
  }
  return { first, count };
}

/** "needs: deps, base · used by 2 stages": what building the stage builds too, and who uses it. */
export function stageInfo(model: StageModel, stage: Stage, runnable?: Runnable, neededSet?: Uint32Array, buildUsers: readonly string[] = []): string {
  const needed = neededSet
    ? members(neededSet, MAX_NAMES)
    : (() => {
        const all = [...neededStages(model, stage.index)].filter((i) => i !== stage.index).sort((a, b) => a - b);
        return { first: all.slice(0, MAX_NAMES), count: all.length };
      })();
  const names = needed.first.map((i) => stageTitle(model.stages[i]));
  const shown = needed.count > MAX_NAMES ? [...names, `+${needed.count - MAX_NAMES} more`] : names;
  const needs = needed.count === 0 ? 'needs no other stage' : `needs: ${shown.join(', ')}`;
  const users = model.dependents[stage.index]?.length ?? 0;
  const used = users === 0 ? 'used by no stage' : `used by ${users} stage${users === 1 ? '' : 's'}`;
  const parts = [needs, used];
  if (buildUsers.length > 0) parts.push(`target of ${buildUsers.slice(0, 2).join(', ')}${buildUsers.length > 2 ? ` +${buildUsers.length - 2} more` : ''}`);
  if (runnable && !runnable.buildable) {
    parts.push(stage.name ? 'duplicate name: --target picks the last' : 'unnamed: add AS <name> to build it');
  }
  return parts.join(' · ');
}
