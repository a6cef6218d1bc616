/**
 * Numeric stage references (`COPY --from=N`) count FROM lines, so inserting or removing a stage changes
 * what they mean. These edits keep each one pointing at the stage it meant.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { StageModel, StageReference } from '../model';

/**
 * Edits renumbering every numeric reference whose stage moves: `newIndex(old)` gives a stage's index
 * after the change. References for which `skip` holds (e.g. inside a deleted stage) are left alone.
 */
export function renumberEdits(model: StageModel, newIndex: (old: number) => number, skip: (r: StageReference) => boolean = () => false): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const reference of model.references) {
    const r = reference.resolution;
    if ((r.kind !== 'stage' && r.kind !== 'forward') || r.by !== 'index' || skip(reference)) continue;
    const moved = newIndex(r.stage);
    if (moved !== r.stage) edits.push({ range: reference.range, newText: String(moved) });
  }
  return edits;
}

/** Index mapping after inserting one stage at `at` (stages at or after it move down by one). */
export const afterInsertAt = (at: number) => (old: number) => (old >= at ? old + 1 : old);

/** Index mapping after removing the stage at `at`. */
export const afterRemoveAt = (at: number) => (old: number) => (old > at ? old - 1 : old);
