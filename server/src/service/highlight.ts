import { DocumentHighlightKind, type DocumentHighlight, type Position } from 'vscode-languageserver-types';
import { referencesTo, type StageModel } from './model';
import { stageTargetAt } from './stageTarget';

/** Highlights a stage's declaration (write) and its references (read). */
export function findHighlights(model: StageModel, pos: Position): DocumentHighlight[] {
  const target = stageTargetAt(model, pos);
  if (!target) return [];
  const highlights: DocumentHighlight[] = [];
  if (target.stage.nameRange) highlights.push({ range: target.stage.nameRange, kind: DocumentHighlightKind.Write });
  for (const reference of referencesTo(model, target.stage)) highlights.push({ range: reference.range, kind: DocumentHighlightKind.Read });
  return highlights;
}
