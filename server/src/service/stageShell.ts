/**
 * Whether a stage's image has a shell to open: not when its base chain ends at `scratch` or at a
 * distroless image (Google's `distroless/*` except the `:debug` variants, Chainguard's `static`).
 * Such stages get "Inspect files" (a listing of the image's filesystem) instead of "Shell in".
 * A scratch stage could still receive a shell by COPY; that is rare enough to ignore here.
 */
import { targetStage, type Stage, type StageModel } from './model';

const MAX_HOPS = 64;

export function stageHasNoShell(model: StageModel, stage: Stage): boolean {
  let current = stage;
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    const parent = current.fromReference ? targetStage(model, current.fromReference) : undefined;
    if (!parent || parent.index >= current.index) return imageHasNoShell(imageOf(current));
    current = parent;
  }
  return false;
}

function imageOf(stage: Stage): string {
  const resolution = stage.fromReference?.resolution;
  return resolution?.kind === 'image' && resolution.expanded !== undefined ? resolution.expanded : stage.baseImage;
}

/** `gcr.io/distroless/static-debian12:nonroot` → true; `…:debug` → false (busybox shell). */
export function imageHasNoShell(image: string): boolean {
  const ref = image.trim().toLowerCase().split('@')[0];
  if (ref === 'scratch') return true;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  const repository = colon > slash ? ref.slice(0, colon) : ref;
  const tag = colon > slash ? ref.slice(colon + 1) : 'latest';
  if (/(^|\/)distroless\//.test(repository)) return !tag.startsWith('debug');
  return /(^|\/)chainguard\/static$/.test(repository);
}
