import type { Location, Position } from 'vscode-languageserver-types';
import { stageAnchor, type StageModel } from './model';
import { stageTargetAt } from './stageTarget';

/** Go to the stage a reference names (`--from=builder`, `--from=0`, `from=deps`, `FROM base`). */
export function findDefinition(model: StageModel, pos: Position): Location | null {
  const target = stageTargetAt(model, pos);
  return target ? { uri: model.uri, range: stageAnchor(target.stage) } : null;
}
