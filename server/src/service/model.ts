/**
 * The stage model: every stage, every stage reference and the dependency graph of a Dockerfile,
 * resolved the way BuildKit resolves them. Built once per document version (see AnalysisCache in index.ts) and
 * read by every feature. Pure: text in, plain data out.
 */
import type { Argument, Dockerfile, Instruction, From, Flag, Comment, Arg } from 'dockerfile-ast';
import { parseDockerfile } from './parse';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { comparePositions, findContaining } from './positions';
import { containsVariable, expandVariables } from './variables';

/**
 * How a stage is referenced. `epoch-arg`: a global `ARG SOURCE_DATE_EPOCH=<stage>` default
 * (Dockerfile 1.24): the build takes its timestamp from that stage (a FROM scratch with one
 * remote ADD). It makes the stage needed by every build but adds no edge between stages.
 */
export type ReferenceKind = 'copy-from' | 'mount-from' | 'from' | 'epoch-arg';

export type Resolution =
  /** An earlier stage, by name (case-insensitive) or by `--from=N`. `viaArg` names the global ARG whose default selected it. */
  | { kind: 'stage'; stage: number; by: 'name' | 'index'; viaArg?: string }
  /** No stage of that name: an image reference. `expanded` is the value after ARG defaults (FROM only). */
  | { kind: 'image'; viaArg?: string; expanded?: string }
  /** `$VAR` in `--from` / `from=`: BuildKit does not expand it, so it cannot name a stage. */
  | { kind: 'variable' }
  /**
   * Names the current stage or a later one. The current one fails the build (circular dependency);
   * `--from` a later one does not fail on BuildKit 0.8 but silently sees only that stage's base image
   * files; `FROM` a later one is read as an image. Never what the author meant.
   */
  | { kind: 'forward'; stage: number; by: 'name' | 'index' }
  /** `--from=N` with N beyond the last stage. */
  | { kind: 'index-out-of-range'; index: number };

export interface StageReference {
  kind: ReferenceKind;
  /** The value as written (`builder`, `0`, `${BASE}`, `nginx:1.27`). */
  value: string;
  /** Exact range of the value. */
  range: Range;
  /**
   * Set when the value is written with escapes or a line continuation inside it, so the text in
   * `range` is not `value` as such: navigation works, a rename cannot rewrite it in place.
   */
  escaped?: true;
  /** Index of the stage the referencing instruction belongs to. */
  inStage: number;
  instruction: Instruction;
  resolution: Resolution;
}

export interface Stage {
  index: number;
  /** Name as written after AS. */
  name?: string;
  /** Lower-cased name, the key BuildKit resolves by. */
  normalizedName?: string;
  nameRange?: Range;
  /** Range of the AS keyword. */
  asRange?: Range;
  from: From;
  fromRange: Range;
  /** Range of the FROM keyword alone. */
  fromKeywordRange: Range;
  /** Base image text as written (may contain variables); '' when missing. */
  baseImage: string;
  baseImageRange?: Range;
  platform?: string;
  platformRange?: Range;
  /** FROM through the last instruction of the stage (heredoc bodies included). */
  range: Range;
  /** Text of the comment lines directly above the FROM. */
  docComment?: string;
  docCommentRange?: Range;
  /** Instructions after the FROM that belong to this stage. */
  instructions: Instruction[];
  /** The reference made by this stage's FROM, when the base is (or may be) a stage; see `fromReference`. */
  fromReference?: StageReference;
}

export interface GlobalArg {
  name: string;
  /** Default value; undefined when declared without one. */
  defaultValue?: string;
  nameRange: Range;
  valueRange?: Range;
  instruction: Arg;
}

export interface DependencyEdge {
  /** The stage that needs the other one. */
  from: number;
  /** The stage it needs. */
  to: number;
  kind: ReferenceKind;
  reference: StageReference;
}

export interface StageModel {
  uri: string;
  version: number;
  document: TextDocument;
  dockerfile: Dockerfile;
  escapeChar: string;
  stages: Stage[];
  /** Every stage reference, in document order. */
  references: StageReference[];
  globalArgs: GlobalArg[];
  /** Instructions before the first FROM (global ARGs, and anything misplaced). */
  preamble: Instruction[];
  edges: DependencyEdge[];
  /** Per stage: the stages it depends on (unique, ascending). */
  dependsOn: number[][];
  /** Per stage: the stages that depend on it (unique, ascending). */
  dependents: number[][];
  /** Stages by normalized name; more than one entry means a duplicate name. */
  stagesByName: Map<string, Stage[]>;
  /** The stage `ARG SOURCE_DATE_EPOCH=<stage>` names: needed by every build target. */
  epochStage?: number;
}

/**
 * The model of one version. `previous`: the model of an earlier version of the same document, whose
 * instructions an edit left untouched are taken over (see parse.ts).
 */
export function buildModel(text: string, uri = 'untitled:Dockerfile', version = 0, previous?: StageModel): StageModel {
  const document = TextDocument.create(uri, 'dockerfile', version, text);
  const dockerfile = parseDockerfile(text, previous?.dockerfile);
  const instructions = dockerfile.getInstructions();
  const stages: Stage[] = [];
  const preamble: Instruction[] = [];
  const stagesByName = new Map<string, Stage[]>();
  const docComments = indexCommentsByEndLine(dockerfile.getComments());

  for (const instruction of instructions) {
    if (instruction.getKeyword() === 'FROM') {
      const stage = createStage(instruction as From, stages.length, docComments);
      stages.push(stage);
      if (stage.normalizedName) {
        const list = stagesByName.get(stage.normalizedName);
        if (list) list.push(stage);
        else stagesByName.set(stage.normalizedName, [stage]);
      }
    } else if (stages.length === 0) {
      preamble.push(instruction);
    } else {
      const current = stages[stages.length - 1];
      current.instructions.push(instruction);
      current.range = { start: current.range.start, end: instruction.getRange().end };
    }
  }

  const globalArgs = collectGlobalArgs(preamble);
  const resolver = new Resolver(stages, stagesByName, globalArgs);
  const references: StageReference[] = [];
  for (const stage of stages) {
    const fromRef = resolver.fromReference(stage);
    if (fromRef) {
      stage.fromReference = fromRef;
      references.push(fromRef);
    }
    for (const instruction of stage.instructions) collectInstructionReferences(instruction, stage, resolver, references, document);
  }

  const epochReference = sourceDateEpochReference(globalArgs, stages, stagesByName);
  if (epochReference) references.unshift(epochReference);

  const { edges, dependsOn, dependents } = buildGraph(stages.length, references);
  return {
    uri,
    version,
    document,
    dockerfile,
    escapeChar: dockerfile.getEscapeCharacter(),
    stages,
    references,
    globalArgs,
    preamble,
    edges,
    dependsOn,
    dependents,
    stagesByName,
    epochStage: epochReference?.resolution.kind === 'stage' ? epochReference.resolution.stage : undefined,
  };
}

/**
 * `ARG SOURCE_DATE_EPOCH=<name>` before the first FROM: BuildKit (Dockerfile 1.24) reads a default
 * that is no number and not `context` as the name of a stage — the first one of that name,
 * compared case-insensitively, anywhere in the file.
 */
function sourceDateEpochReference(globalArgs: GlobalArg[], stages: Stage[], stagesByName: Map<string, Stage[]>): StageReference | undefined {
  const arg = globalArgs.filter((a) => a.name === 'SOURCE_DATE_EPOCH').pop();
  const value = arg?.defaultValue;
  if (!arg || !value || !arg.valueRange || /^-?[0-9]+$/.test(value) || value === 'context') return undefined;
  const stage = stagesByName.get(value.toLowerCase())?.[0];
  if (!stage || stages.length === 0) return undefined;
  return {
    kind: 'epoch-arg',
    value,
    range: arg.valueRange,
    inStage: stages.length - 1,
    instruction: arg.instruction,
    resolution: { kind: 'stage', stage: stage.index, by: 'name' },
  };
}

function createStage(from: From, index: number, docComments: Map<number, Comment[]>): Stage {
  const fromRange = from.getRange();
  const name = from.getBuildStage() ?? undefined;
  const nameRange = from.getBuildStageRange() ?? undefined;
  const platformFlag = from.getPlatformFlag();
  const baseImageRange = from.getImageRange() ?? undefined;
  const stage: Stage = {
    index,
    name,
    normalizedName: name?.toLowerCase(),
    nameRange,
    asRange: nameRange ? findAsKeyword(from, nameRange) : undefined,
    from,
    fromRange,
    fromKeywordRange: from.getInstructionRange(),
    baseImage: from.getImage() ?? '',
    baseImageRange,
    platform: platformFlag?.getValue() ?? undefined,
    platformRange: platformFlag?.getValueRange() ?? undefined,
    range: fromRange,
    instructions: [],
  };
  const comments = docComments.get(fromRange.start.line - 1);
  if (comments) {
    stage.docComment = comments.map((c) => c.getContent()).join('\n');
    stage.docCommentRange = { start: comments[0].getRange().start, end: comments[comments.length - 1].getRange().end };
  }
  return stage;
}

function findAsKeyword(from: From, nameRange: Range): Range | undefined {
  const args = from.getArguments();
  for (let i = 1; i < args.length; i++) {
    if (comparePositions(args[i].getRange().start, nameRange.start) === 0) {
      const prev = args[i - 1];
      return prev.getValue().toUpperCase() === 'AS' ? prev.getRange() : undefined;
    }
  }
  return undefined;
}

/** Groups contiguous comment lines into blocks keyed by the last line of the block. */
function indexCommentsByEndLine(comments: Comment[]): Map<number, Comment[]> {
  const blocks = new Map<number, Comment[]>();
  let block: Comment[] = [];
  for (const comment of comments) {
    const line = comment.getRange().start.line;
    if (block.length > 0 && block[block.length - 1].getRange().start.line !== line - 1) block = [];
    block.push(comment);
    blocks.set(line, block.slice());
  }
  return blocks;
}

function collectGlobalArgs(preamble: Instruction[]): GlobalArg[] {
  const args: GlobalArg[] = [];
  for (const instruction of preamble) {
    if (instruction.getKeyword() !== 'ARG') continue;
    const arg = instruction as Arg;
    const words = arg.getArguments();
    // dockerfile-ast splits words on spaces even inside quotes; only split what has no quotes.
    if (words.length > 1 && !words.some((w) => /["']/.test(w.getValue()))) {
      args.push(...words.map((word) => argFromWord(word, arg)));
      continue;
    }
    for (const property of arg.getProperties()) {
      const value = property.getValue();
      args.push({
        name: property.getName(),
        defaultValue: value ?? undefined,
        nameRange: property.getNameRange(),
        valueRange: property.getValueRange() ?? undefined,
        instruction: arg,
      });
    }
  }
  return args;
}

/**
 * One `NAME[=value]` word of `ARG A B=2 C`: BuildKit declares each word, while dockerfile-ast reads
 * the whole line as one property named A.
 */
function argFromWord(word: Argument, instruction: Arg): GlobalArg {
  const text = word.getValue();
  const range = word.getRange();
  const eq = text.indexOf('=');
  const at = (offset: number) => ({ line: range.start.line, character: range.start.character + offset });
  if (eq < 0) return { name: text, nameRange: range, instruction };
  // Offsets into the value are positions only when the word is written as it reads (no line
  // continuation or escape inside): otherwise the whole word, and no value range to edit.
  if (range.start.line !== range.end.line || range.end.character - range.start.character !== text.length) {
    return { name: text.slice(0, eq), defaultValue: text.slice(eq + 1), nameRange: range, instruction };
  }
  return {
    name: text.slice(0, eq),
    defaultValue: text.slice(eq + 1),
    nameRange: { start: range.start, end: at(eq) },
    valueRange: { start: at(eq + 1), end: range.end },
    instruction,
  };
}

/**
 * The range of a flag's value as written. dockerfile-ast drops escape characters inside a flag and
 * reports the option ranges of the text without them (`--mount=\type=bind,from=b` puts `b` one column
 * early); the value is then looked up in the flag's own text from that column on. Undefined when the
 * value itself is written with escapes or a line continuation.
 */
function writtenRange(document: TextDocument, value: string, reported: Range, flag: Flag): Range | undefined {
  if (document.getText(reported) === value) return reported;
  const flagStart = document.offsetAt(flag.getRange().start);
  const flagText = document.getText(flag.getRange());
  for (let at = flagText.indexOf(value, document.offsetAt(reported.start) - flagStart); at > 0; at = flagText.indexOf(value, at + 1)) {
    const end = at + value.length;
    if (flagText[at - 1] === '=' && (end === flagText.length || flagText[end] === ',')) {
      return { start: document.positionAt(flagStart + at), end: document.positionAt(flagStart + end) };
    }
  }
  return undefined;
}

function collectInstructionReferences(instruction: Instruction, stage: Stage, resolver: Resolver, out: StageReference[], document: TextDocument): void {
  const push = (kind: ReferenceKind, value: string, reported: Range, flag: Flag) => {
    const written = writtenRange(document, value, reported, flag);
    const reference = resolver.flagReference(kind, value, written ?? reported, stage, instruction);
    out.push(written ? reference : { ...reference, escaped: true });
  };
  const keyword = instruction.getKeyword();
  if (keyword !== 'COPY' && keyword !== 'RUN') return;
  const flags = (instruction as Instruction & { getFlags(): Flag[] }).getFlags();
  for (const flag of flags) {
    const flagName = flag.getName();
    if (keyword === 'COPY' && flagName === 'from') {
      const value = flag.getValue();
      const range = flag.getValueRange();
      if (value && range) push('copy-from', value, range, flag);
    } else if (keyword === 'RUN' && flagName === 'mount') {
      for (const option of flag.getOptions()) {
        if (option.getName() !== 'from') continue;
        const value = option.getValue();
        const range = option.getValueRange();
        if (value && range) push('mount-from', value, range, flag);
      }
    }
  }
}

class Resolver {
  private readonly argDefaults = new Map<string, string | undefined>();

  constructor(
    private readonly stages: Stage[],
    private readonly stagesByName: Map<string, Stage[]>,
    globalArgs: GlobalArg[],
  ) {
    for (const arg of globalArgs) this.argDefaults.set(arg.name, arg.defaultValue);
  }

  /** `COPY --from=X` and `RUN --mount=…,from=X`: by name, `COPY --from` also by index; no variable expansion. */
  flagReference(kind: ReferenceKind, value: string, range: Range, stage: Stage, instruction: Instruction): StageReference {
    return { kind, value, range, inStage: stage.index, instruction, resolution: this.resolveFlagValue(kind, value, stage.index) };
  }

  private resolveFlagValue(kind: ReferenceKind, value: string, current: number): Resolution {
    if (value.includes('$')) return { kind: 'variable' };
    if (kind === 'copy-from' && /^[0-9]+$/.test(value)) {
      const index = Number(value);
      if (index >= this.stages.length) return { kind: 'index-out-of-range', index };
      if (index >= current) return { kind: 'forward', stage: index, by: 'index' };
      return { kind: 'stage', stage: index, by: 'index' };
    }
    return this.byName(value, current, true) ?? { kind: 'image' };
  }

  /**
   * The reference a stage's FROM makes. Only created when the base is a stage, names a later one, or
   * contains a variable (so ARG-selected stages are tracked); a plain image base yields none.
   */
  fromReference(stage: Stage): StageReference | undefined {
    const value = stage.baseImage;
    const range = stage.baseImageRange;
    if (!value || !range) return undefined;
    let resolution: Resolution | undefined;
    if (containsVariable(value)) {
      const expansion = expandVariables(value, (name) => this.argDefaults.get(name));
      const viaArg = expansion.used[0];
      const target = this.byName(expansion.value, stage.index, false);
      resolution =
        target?.kind === 'stage'
          ? { ...target, viaArg }
          : target ?? { kind: 'image', viaArg, expanded: expansion.value };
    } else {
      resolution = this.byName(value, stage.index, false);
    }
    if (!resolution) return undefined;
    return { kind: 'from', value, range, inStage: stage.index, instruction: stage.from, resolution };
  }

  /**
   * Resolves a stage name. With duplicate names BuildKit keeps the last stage registered under the name:
   * a FROM is resolved while stages are registered in order, so the last earlier stage wins;
   * `--from` / `from=` are resolved after all stages are registered, so the last stage in the file
   * wins, and when that is the current or a later stage the reference is forward. A FROM naming only
   * later stages is a forward reference; one naming its own stage (`FROM node AS node`) is the image.
   */
  private byName(value: string, current: number, isFlag: boolean): Resolution | undefined {
    const candidates = this.stagesByName.get(value.toLowerCase());
    if (!candidates) return undefined;
    const last = candidates[candidates.length - 1];
    if (isFlag) return { kind: last.index < current ? 'stage' : 'forward', stage: last.index, by: 'name' };
    const earlier = candidates.filter((s) => s.index < current).pop();
    if (earlier) return { kind: 'stage', stage: earlier.index, by: 'name' };
    const later = candidates.find((s) => s.index > current);
    return later ? { kind: 'forward', stage: later.index, by: 'name' } : undefined;
  }
}

function buildGraph(stageCount: number, references: StageReference[]) {
  const edges: DependencyEdge[] = [];
  const dependsOnSets: Set<number>[] = Array.from({ length: stageCount }, () => new Set<number>());
  const dependentSets: Set<number>[] = Array.from({ length: stageCount }, () => new Set<number>());
  for (const reference of references) {
    if (reference.resolution.kind !== 'stage' || reference.kind === 'epoch-arg') continue;
    const to = reference.resolution.stage;
    edges.push({ from: reference.inStage, to, kind: reference.kind, reference });
    dependsOnSets[reference.inStage].add(to);
    dependentSets[to].add(reference.inStage);
  }
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  return { edges, dependsOn: dependsOnSets.map(sorted), dependents: dependentSets.map(sorted) };
}

// ---- Queries shared by the features ----

export function referenceAt(model: StageModel, pos: Position): StageReference | undefined {
  return findContaining(model.references, pos, (r) => r.range);
}

export function stageAt(model: StageModel, pos: Position): Stage | undefined {
  return findContaining(model.stages, pos, (s) => s.range);
}

/** The stage whose name (after AS) is under `pos`. */
export function stageNameAt(model: StageModel, pos: Position): Stage | undefined {
  const stage = stageAt(model, pos);
  if (!stage?.nameRange) return undefined;
  const r = stage.nameRange;
  return comparePositions(r.start, pos) <= 0 && comparePositions(pos, r.end) <= 0 ? stage : undefined;
}

/** The stage a reference resolves to, if it resolves to one. */
export function targetStage(model: StageModel, reference: StageReference): Stage | undefined {
  return reference.resolution.kind === 'stage' ? model.stages[reference.resolution.stage] : undefined;
}

/** References that resolve to `stage` (by name, by index or through an ARG default). */
export function referencesTo(model: StageModel, stage: Stage): StageReference[] {
  return model.references.filter((r) => r.resolution.kind === 'stage' && r.resolution.stage === stage.index);
}

/** The range that identifies a stage: its name, or its FROM keyword when unnamed. */
export function stageAnchor(stage: Stage): Range {
  return stage.nameRange ?? stage.fromKeywordRange;
}

/** Resolves a `--target` value like BuildKit: by name, case-insensitively, the last stage of that name; never by index. */
export function findStageByName(model: StageModel, name: string): Stage | undefined {
  return model.stagesByName.get(name.toLowerCase())?.at(-1);
}
