/** Names a refactor may give a new or unnamed stage: valid, unused, and not shadowing an image a FROM or --from names. */
import type { Instruction } from 'dockerfile-ast';
import type { Stage, StageModel } from '../model';
import { freshStageName, RESERVED_STAGE_NAMES, STAGE_NAME_PATTERN } from '../stageNames';
import { buildingEcosystem } from './ecosystems';
import { parseImageRef, imageShortName } from '../facts/images';
import { runCommands } from '../facts/shellCommands';

/** Normalized names a new stage name must avoid: stage names, and the names images are referenced by. */
export function takenNames(model: StageModel): Set<string> {
  const taken = new Set<string>([...model.stagesByName.keys(), ...RESERVED_STAGE_NAMES]);
  for (const reference of model.references) {
    if (reference.resolution.kind === 'image') taken.add(reference.value.toLowerCase());
    if (reference.resolution.kind === 'image' && reference.resolution.expanded) taken.add(reference.resolution.expanded.toLowerCase());
  }
  for (const stage of model.stages) if (stage.baseImage && !stage.fromReference) taken.add(stage.baseImage.toLowerCase());
  return taken;
}

/** A free name based on `base`, made valid (`My App` → `my-app`). */
export function freshName(model: StageModel, base: string): string {
  const cleaned = base.toLowerCase().replace(/[^a-z0-9-_.]+/g, '-').replace(/^[^a-z]+/, '').replace(/(?<!-)-+$/, '');
  return freshStageName(STAGE_NAME_PATTERN.test(cleaned) ? cleaned : 'stage', takenNames(model));
}

/**
 * A descriptive default name for a stage (or for `instructions` of it): `runtime` for the last stage,
 * `build` when it builds, `test`, `deps` when it only installs dependencies, else the base image's name.
 */
export function suggestStageName(model: StageModel, stage: Stage, instructions: readonly Instruction[] = stage.instructions): string {
  const commands = instructions
    .filter((i) => i.getKeyword() === 'RUN')
    .flatMap((i) => runCommands(i, model.escapeChar, '/'));
  if (commands.some((command) => buildingEcosystem(command))) return freshName(model, 'build');
  if (commands.some((c) => /^(test|vet|check|lint)$/.test(c.argv[1] ?? '') || /^(pytest|ctest|tox)$/.test(c.argv[0] ?? ''))) return freshName(model, 'test');
  if (commands.some((c) => /^(ci|install|i|sync|download|restore|fetch|go-offline|dependency:go-offline)$/.test(c.argv[1] ?? '') || /^mod$/.test(c.argv[1] ?? ''))) return freshName(model, 'deps');
  if (instructions === stage.instructions && stage.index === model.stages.length - 1 && model.stages.length > 1) return freshName(model, 'runtime');
  const base = stage.fromReference?.resolution.kind === 'stage' ? model.stages[stage.fromReference.resolution.stage]?.name : undefined;
  return freshName(model, base ? `${base}-2` : imageShortName(parseImageRef(stage.baseImage).repository) || 'stage');
}
