import type { Location, Position } from 'vscode-languageserver-types';
import { referencesTo, type StageModel } from './model';
import { stageTargetAt } from './stageTarget';

/** Every reference to the stage at `pos`, optionally with its declaration (its name after AS). */
export function findReferences(model: StageModel, pos: Position, includeDeclaration: boolean): Location[] {
  const target = stageTargetAt(model, pos);
  if (!target) return [];
  const locations: Location[] = [];
  if (includeDeclaration && target.stage.nameRange) locations.push({ uri: model.uri, range: target.stage.nameRange });
  for (const reference of referencesTo(model, target.stage)) locations.push({ uri: model.uri, range: reference.range });
  return locations;
}
