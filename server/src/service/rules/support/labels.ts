import type { Stage } from '../../model';

/** `stage 'builder'`, or `stage 2` for an unnamed stage. */
export function stageRef(stage: Stage): string {
  return stage.name ? `stage '${stage.name}'` : `stage ${stage.index}`;
}

/** `Stage 'builder'` / `Stage 2`, to start a sentence. */
export function StageRef(stage: Stage): string {
  const s = stageRef(stage);
  return s[0].toUpperCase() + s.slice(1);
}
