/** How a stage is called in text: one spelling for messages, titles, symbols and graphs. */
import type { Stage } from '../model';

/** The key a stage goes by: its name, or its index when unnamed (graph nodes, fix data). */
export function stageLabel(stage: Stage): string {
  return stage.name ?? String(stage.index);
}

/** A stage's title in lists and symbols: `builder`, or `stage 2` when unnamed. */
export function stageTitle(stage: Stage): string {
  return stage.name ?? `stage ${stage.index}`;
}

/** `stage 'builder'`, or `stage 2` for an unnamed stage, inside a sentence. */
export function stageRef(stage: Stage): string {
  return stage.name ? `stage '${stage.name}'` : `stage ${stage.index}`;
}

/** `Stage 'builder'` / `Stage 2`, to start a sentence. */
export function StageRef(stage: Stage): string {
  const s = stageRef(stage);
  return s[0].toUpperCase() + s.slice(1);
}
