import type { Location, Position } from 'vscode-languageserver-types';
import { onbuildCopyFroms } from './facts/onbuildCopyFrom';
import { findStageByName, stageAnchor, type StageModel } from './model';
import { rangeContains } from './positions';
import { stageTargetAt } from './stageTarget';

/**
 * Go to the stage a reference names (`--from=builder`, `--from=0`, `from=deps`, `FROM base`,
 * `ARG SOURCE_DATE_EPOCH=epoch`), or the stage an `ONBUILD COPY --from=<name>` names (by name,
 * case-insensitively, the last stage of that name as for --from).
 */
export function findDefinition(model: StageModel, pos: Position): Location | null {
  const target = stageTargetAt(model, pos);
  if (target) return { uri: model.uri, range: stageAnchor(target.stage) };
  const onbuild = onbuildCopyFroms(model).find((r) => rangeContains(r.range, pos));
  const stage = onbuild && !onbuild.value.includes('$') ? findStageByName(model, onbuild.value) : undefined;
  return stage ? { uri: model.uri, range: stageAnchor(stage) } : null;
}
