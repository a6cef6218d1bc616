import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildModel, referencesTo, type Stage, type StageModel, type StageReference } from './model';
import { asKeyword } from './facts/text';
import { stageNameProblem } from './stageNames';
import { stageTargetAt } from './stageTarget';

export interface RenameRefusal {
  error: string;
}

export function isRefusal(v: unknown): v is RenameRefusal {
  return !!v && typeof v === 'object' && 'error' in v;
}

/** The range to rename and its current text, or why the cursor is not on something renamable. */
export function prepareRename(model: StageModel, pos: Position): { range: Range; placeholder: string } | RenameRefusal {
  const target = stageTargetAt(model, pos);
  if (!target) return { error: 'Rename works on a stage name or a reference to a stage.' };
  const range = target.reference?.range ?? target.stage.nameRange;
  if (!range) return { error: 'This stage has no name.' };
  return { range, placeholder: target.stage.name ?? target.reference?.value ?? '' };
}

/**
 * Renames a stage and every reference to it. Numeric references stay numeric (still correct).
 * An unnamed stage gets `AS <name>`. References selected through a global ARG are updated when the
 * ARG default is exactly the stage name; otherwise the rename is refused rather than break them.
 */
export function renameStage(model: StageModel, pos: Position, newName: string): WorkspaceEdit | RenameRefusal {
  const target = stageTargetAt(model, pos);
  if (!target) return { error: 'Rename works on a stage name or a reference to a stage.' };
  const { stage } = target;
  // The stage's own name is free to respell only when no other stage shares it (`Builder` → `builder`
  // beside another `builder` would leave two stages of one name).
  const taken = new Set([...model.stagesByName.entries()].filter(([n, stages]) => n !== stage.normalizedName || stages.length > 1).map(([n]) => n));
  const problem = stageNameProblem(newName, taken) ?? capturedImage(model, stage, newName);
  if (problem) return { error: problem };
  // An unnamed stage gets `AS <name>` after its image: only where the FROM is exactly an image (not
  // `FROM --flag` with the image missing, nor `FROM img junk`), or the line would only get worse.
  if (!stage.nameRange && (!stage.baseImageRange || stage.from.getArguments().length !== 1)) {
    return { error: `The FROM line of stage ${stage.index} is not \`FROM <image>\`; fix it before naming the stage.` };
  }

  const edits: TextEdit[] = [declarationEdit(stage, newName)];
  for (const reference of referencesTo(model, stage)) {
    if (reference.resolution.kind !== 'stage') continue;
    if (reference.resolution.by === 'index') continue;
    if (reference.escaped) return escapedRefusal(reference);
    if (reference.resolution.viaArg) {
      const argEdit = argDefaultEdit(model, reference.resolution.viaArg, reference.value, stage, newName);
      if (!argEdit) {
        const line = reference.range.start.line + 1;
        return { error: `Line ${line} selects '${stage.name}' through ARG ${reference.resolution.viaArg}; rename it there by hand.` };
      }
      if (!edits.some((e) => e.range === argEdit.range)) edits.push(argEdit);
      continue;
    }
    edits.push({ range: reference.range, newText: newName });
  }
  // `--from=name` / `from=name` above the stage still means it for BuildKit (the build fails, or sees
  // only its base): it follows the name, or it would silently switch to another stage of the old name.
  for (const reference of model.references) {
    const r = reference.resolution;
    if (reference.kind !== 'from' && r.kind === 'forward' && r.by === 'name' && r.stage === stage.index) {
      if (reference.escaped) return escapedRefusal(reference);
      edits.push({ range: reference.range, newText: newName });
    }
  }
  const misread = misreadAfter(model, edits);
  if (misread !== undefined) return { error: `After this rename line ${misread + 1} would be read differently; rename by hand there.` };
  return { documentChanges: [{ textDocument: { uri: model.uri, version: model.version }, edits }] };
}

const escapedRefusal = (reference: StageReference) => ({ error: `Line ${reference.range.start.line + 1} writes '${reference.value}' with escapes; rename it there by hand.` });

/**
 * The last safety net: the renamed text, parsed again, must have the same stages and references
 * resolving to the same stages. A rename in a line the parser reads oddly (flags after the image,
 * a name running into the next word) could otherwise change what the line means. The first line
 * read differently, or undefined.
 */
function misreadAfter(model: StageModel, edits: TextEdit[]): number | undefined {
  const after = buildModel(TextDocument.applyEdits(model.document, edits), model.uri, model.version + 1);
  const meaning = (r: StageReference) => `${r.kind} ${r.inStage} ${r.resolution.kind} ${'stage' in r.resolution ? r.resolution.stage : ''}`;
  const before = model.references.map(meaning);
  const now = after.references.map(meaning);
  if (after.stages.length !== model.stages.length) return (after.stages[model.stages.length] ?? model.stages[after.stages.length])?.fromRange.start.line ?? 0;
  for (let i = 0; i < Math.max(before.length, now.length); i++) {
    if (before[i] !== now[i]) return (model.references[i] ?? after.references[i]).range.start.line;
  }
  return undefined;
}

/**
 * A line that uses `newName` as an image today and would mean the renamed stage afterwards (names
 * resolve case-insensitively): `FROM alpine` below a stage renamed to `alpine`, `COPY --from=alpine`
 * anywhere. The stage's own FROM is not one: `FROM alpine AS alpine` still pulls the image.
 */
function capturedImage(model: StageModel, stage: Stage, newName: string): string | undefined {
  const key = newName.toLowerCase();
  const refuse = (line: number) =>
    `Line ${line + 1} uses '${newName}' as an image; after renaming the stage to '${newName}' it would use the stage. Choose another name.`;
  for (const other of model.stages) {
    const resolution = other.fromReference?.resolution;
    if (other === stage || (resolution && resolution.kind !== 'image')) continue;
    const expanded = resolution?.kind === 'image' ? resolution.expanded : undefined;
    if (other.baseImage.toLowerCase() === key || expanded?.toLowerCase() === key) return refuse(other.fromRange.start.line);
  }
  for (const reference of model.references) {
    if (reference.kind !== 'from' && reference.resolution.kind === 'image' && reference.value.toLowerCase() === key) return refuse(reference.range.start.line);
  }
  return undefined;
}

function declarationEdit(stage: Stage, newName: string): TextEdit {
  if (stage.nameRange) return { range: stage.nameRange, newText: newName };
  const end = (stage.baseImageRange ?? stage.fromKeywordRange).end;
  return { range: { start: end, end }, newText: ` ${asKeyword(stage)} ${newName}` };
}

function argDefaultEdit(model: StageModel, argName: string, value: string, stage: Stage, newName: string): TextEdit | undefined {
  if (value !== `$${argName}` && value !== `\${${argName}}`) return undefined;
  const arg = model.globalArgs.find((a) => a.name === argName);
  if (!arg?.valueRange || arg.defaultValue?.toLowerCase() !== stage.normalizedName) return undefined;
  return { range: arg.valueRange, newText: newName };
}
