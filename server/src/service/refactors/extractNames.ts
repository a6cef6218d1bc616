/**
 * Stage names for "Extract builder stage": the builder is the new stage; the runtime (the stage that
 * ships) keeps the original name only where something uses it (`--from`, `FROM`, the `target` setting,
 * or a `--target` / `target:` in the repository's compose, bake, Makefile, CI or script files).
 */
import type { Stage, StageModel } from '../model';
import type { Settings } from '../../protocol';
import type { ContextFiles } from './ecosystems/types';
import { freshName } from './stageNameSuggestion';

const BUILDER_LIKE = /^(build|builder|compile|compiler)$|[-_.](build|builder)$/;
const TARGET_FILES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml', 'docker-bake.hcl', 'docker-bake.json', 'Makefile', 'makefile', 'Justfile', 'Taskfile.yml', 'skaffold.yaml', 'build.sh'];

export function stageNamesFor(model: StageModel, stage: Stage, settings: Settings, files?: ContextFiles): { builder: string; runtime?: string } {
  const name = stage.name;
  if (!name) return { builder: freshName(model, 'builder') };
  const used =
    settings.target.toLowerCase() === name.toLowerCase() ||
    model.references.some((r) => r.resolution.kind === 'stage' && r.resolution.stage === stage.index) ||
    targetInRepository(files, name);
  if (used) return { builder: freshName(model, 'builder'), runtime: name };
  return { builder: BUILDER_LIKE.test(name.toLowerCase()) ? name : freshName(model, 'builder') };
}

/** Whether a file of the repository builds `name` as a target. */
export function targetInRepository(files: ContextFiles | undefined, name: string): boolean {
  if (!files) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(--target[= ]+|\\btarget["']?\\s*[:=]\\s*["']?)${escaped}\\b`, 'i');
  const workflows = (files.list?.('.github/workflows/') ?? []).filter((f) => /\.ya?ml$/.test(f)).map((f) => `.github/workflows/${f}`);
  const scripts = (files.list?.('') ?? []).filter((f) => /\.(sh|mk)$/.test(f));
  return [...TARGET_FILES, ...workflows, ...scripts].some((f) => pattern.test(files.read(f) ?? ''));
}
