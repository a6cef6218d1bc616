/**
 * The invariants every service entry point must keep on any text, however broken: it returns without
 * throwing, within a (generous) time bound, and every range it gives lies inside the document. On top:
 * our parse answers like dockerfile-ast as published, also when built on an earlier version; a definition lands on a stage; a rename, once applied and re-analysed, resolves the same references;
 * applying a quick fix or refactor gives text that parses (and is no worse for dockerfile-utils).
 *
 * Used by the short fuzz run (fuzz.test.ts), `npm run fuzz` (scripts/fuzz.mjs), the saved regression
 * cases (regressions.test.ts) and the pathological inputs (pathological.test.ts).
 */
import type {
  CodeAction,
  Diagnostic,
  DocumentSymbol,
  Location,
  CompletionItem,
  Position,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { buildModel, referencesTo, stageAnchor, type StageModel, type StageReference } from '../../src/service/model';
import * as service from '../../src/service';
import { analysisOf, BaseService, graphToDot, graphToMermaid, isRefusal } from '../../src/service';
import { defaultSettings, STAGE_COMMANDS, type Settings, type ShowReferencesArgs } from '../../src/protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DockerfileParser } from 'dockerfile-ast';
import { isDeepStrictEqual } from 'node:util';
import { parseSignature } from '../parseSignature';
import { refactors } from '../../src/service/refactors/registry';
import type { FileFacts } from '../../src/service';

export const URI = 'file:///fuzz/Dockerfile';
const FILES: FileFacts = { dockerignoreExists: false, dockerignoreUri: 'file:///fuzz/.dockerignore' };
const ALL_COMMANDS = new Set(Object.values(STAGE_COMMANDS));

/** What one case asks of the service besides whole-document features. */
export interface CaseQueries {
  /** Offsets (clamped to the text) at which the position-based features are asked. */
  offsets: number[];
  /** The name a rename at each renamable position tries. */
  newName: string;
  /** Build target setting ('' = the last stage). */
  target?: string;
  /** Also run dockerfile-language-service's features (slower; on by default). */
  base?: boolean;
  /** Run the rename / code action round trips (they re-parse; on by default). */
  roundTrips?: boolean;
  /** Fail when one entry point takes longer than this (ms). Catches hangs, not a benchmark. */
  boundMs?: number;
  /** How many of the positions also get dockerfile-language-service's position features (default 2). */
  basePositions?: number;
  /** How many of the positions get the code action round trip (default 1; it re-parses per action). */
  actionPositions?: number;
  /**
   * Compare our parse with dockerfile-ast as published, and an analysis built on earlier versions
   * with a fresh one (on by default; the pathological inputs, megabytes each, leave it out).
   */
  parseChecks?: boolean;
}

/** Per-position switches, decided by checkText. */
interface PositionWork {
  base: boolean;
  /** The rename round trip (re-parses): at the first renamable positions only. */
  rename: boolean;
  actions: boolean;
  /** Apply each code action and re-analyse the result (the round trip); else only ask for them. */
  applyActions: boolean;
  /** dockerfile-utils' error codes of the unmodified text, computed once per text. */
  baseErrors: () => Set<string>;
}

export class InvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvariantError';
  }
}

function fail(message: string): never {
  throw new InvariantError(message);
}

let sharedBase: BaseService | undefined;
const baseService = () => (sharedBase ??= new BaseService());

// ---- Document geometry ----

/** Line contents without terminators, split like vscode-languageserver-textdocument (\r\n, \r, \n). */
export class DocShape {
  readonly lines: string[];
  /**
   * `surrogates: false` accepts a position between the halves of an astral character: for
   * dockerfile-language-service's ranges (a dependency; VS Code copes), never for ours.
   */
  constructor(readonly text: string, private readonly surrogates = true) {
    this.lines = text.split(/\r\n|\r|\n/);
  }

  /** The same document, checked like the base service's ranges. */
  lenient(): DocShape {
    return new DocShape(this.text, false);
  }

  get lineCount(): number {
    return this.lines.length;
  }

  positionProblem(p: Position | undefined): string | undefined {
    if (!p || typeof p !== 'object') return 'missing position';
    const { line, character } = p;
    if (!Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0) return `bad position ${JSON.stringify(p)}`;
    if (line >= this.lines.length) return `line ${line} beyond the last line ${this.lines.length - 1}`;
    const text = this.lines[line];
    if (character > text.length) return `character ${character} beyond the end of line ${line} (length ${text.length})`;
    if (this.surrogates && character > 0 && character < text.length && isHigh(text.charCodeAt(character - 1)) && isLow(text.charCodeAt(character))) {
      return `position ${line}:${character} splits a surrogate pair`;
    }
    return undefined;
  }

  checkPosition(p: Position | undefined, what: string): void {
    const problem = this.positionProblem(p);
    if (problem) fail(`${what}: ${problem}`);
  }

  checkRange(r: Range | undefined, what: string): void {
    if (!r || typeof r !== 'object') fail(`${what}: missing range`);
    this.checkPosition(r.start, `${what} start`);
    this.checkPosition(r.end, `${what} end`);
    if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) {
      fail(`${what}: range ends before it starts ${JSON.stringify(r)}`);
    }
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let line = 0;
    let lineStart = 0;
    for (let i = 0; i < clamped; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 10 || (c === 13 && this.text.charCodeAt(i + 1) !== 10)) {
        line++;
        lineStart = i + 1;
      }
    }
    // A position inside a line terminator (between \r and \n) belongs at the end of the line, and
    // one inside a surrogate pair before it: an editor's cursor is never in either.
    let character = Math.min(clamped - lineStart, this.lines[line].length);
    const text = this.lines[line];
    if (character > 0 && character < text.length && isHigh(text.charCodeAt(character - 1)) && isLow(text.charCodeAt(character))) character--;
    return { line, character };
  }
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

// ---- Timing ----

function thrown(what: string, e: unknown): never {
  if (e instanceof InvariantError) throw e;
  fail(`${what} threw: ${(e as Error)?.stack ?? e}`);
}

/** CPU milliseconds spent per entry point (the first words of `what`), for `npm run fuzz -- --profile`. */
export const timeByEntryPoint = new Map<string, number>();

/**
 * The process's CPU time in ms. Bounds are on CPU time, not wall time: a hang (a loop that never
 * ends, catastrophic backtracking) burns CPU, while a machine busy with other work only stretches
 * the wall clock, so the bound catches the first and never flakes on the second.
 */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function inBound(what: string, boundMs: number, started: number): void {
  const ms = cpuMs() - started;
  const key = what.split(' ', 2).join(' ').replace(/ at$/, '');
  timeByEntryPoint.set(key, (timeByEntryPoint.get(key) ?? 0) + ms);
  if (ms > boundMs) fail(`${what} took ${ms.toFixed(0)} ms of CPU (bound ${boundMs} ms)`);
}

function timed<T>(what: string, boundMs: number, f: () => T): T {
  const started = cpuMs();
  let result: T;
  try {
    result = f();
  } catch (e) {
    thrown(what, e);
  }
  inBound(what, boundMs, started);
  return result;
}

async function timedAsync<T>(what: string, boundMs: number, f: () => T | PromiseLike<T>): Promise<T> {
  const started = cpuMs();
  let result: T;
  try {
    result = await f();
  } catch (e) {
    thrown(what, e);
  }
  inBound(what, boundMs, started);
  return result;
}

// ---- Edits ----

/** The text edits a WorkspaceEdit makes to `uri`, checked: right version, ranges inside the document. */
function editsFor(shape: DocShape, edit: WorkspaceEdit, uri: string, version: number, what: string): TextEdit[] {
  const out: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') fail(`${what}: unexpected resource operation ${change.kind}`);
      continue;
    }
    if (change.textDocument.uri !== uri) continue;
    if (change.textDocument.version !== version) fail(`${what}: edit for version ${change.textDocument.version}, document is at ${version}`);
    for (const e of change.edits) {
      if (!('range' in e)) fail(`${what}: snippet edit`);
      shape.checkRange(e.range, `${what} edit`);
      if (typeof e.newText !== 'string') fail(`${what}: edit without text`);
      out.push(e);
    }
  }
  for (const [u, edits] of Object.entries(edit.changes ?? {})) {
    if (u !== uri) continue;
    for (const e of edits) {
      shape.checkRange(e.range, `${what} edit`);
      out.push(e);
    }
  }
  return out;
}

/** Applies edits the way an LSP client does (overlapping edits are an error). */
function apply(text: string, edits: TextEdit[], what: string): string {
  try {
    return TextDocument.applyEdits(TextDocument.create(URI, 'dockerfile', 0, text), edits);
  } catch (e) {
    fail(`${what}: ${(e as Error).message}`);
  }
}

// ---- The checks ----

/** A signature of every stage reference and what it resolves to, for comparing two analyses. */
export function resolutionSignature(model: StageModel): string[] {
  return model.references.map((r: StageReference) => {
    const res = r.resolution;
    const target = res.kind === 'stage' || res.kind === 'forward' ? `${res.kind}:${res.stage} by ${res.by}` : res.kind === 'image' ? `image${res.expanded !== undefined ? `=${res.expanded}` : ''}` : res.kind;
    // No line number: a rename may join a name written across a line continuation (`AS t\<newline>est`).
    return `${r.kind} in stage ${r.inStage} -> ${target}`;
  });
}

function checkModel(model: StageModel, shape: DocShape): void {
  for (const stage of model.stages) {
    for (const [key, range] of Object.entries({
      range: stage.range,
      fromRange: stage.fromRange,
      fromKeywordRange: stage.fromKeywordRange,
      nameRange: stage.nameRange,
      asRange: stage.asRange,
      baseImageRange: stage.baseImageRange,
      platformRange: stage.platformRange,
      docCommentRange: stage.docCommentRange,
    })) {
      if (range) shape.checkRange(range, `model stage ${stage.index} ${key}`);
    }
  }
  for (const reference of model.references) shape.checkRange(reference.range, `model reference '${reference.value}'`);
  for (const arg of model.globalArgs) {
    shape.checkRange(arg.nameRange, `model global ARG ${arg.name}`);
    if (arg.valueRange) shape.checkRange(arg.valueRange, `model global ARG ${arg.name} value`);
  }
}

/**
 * Versions before this one (an edit in the middle, the last line away, a newline toggled at the end,
 * a line break more or less in the middle, a line more at the top): a model built on top of one of
 * them, analysed first so that its instructions carry their facts, takes over its untouched
 * instructions and must parse and publish exactly what a fresh model does.
 */
function checkIncremental(text: string, diagnostics: Diagnostic[], settings: Settings): void {
  const middle = text.length >> 1;
  const lastBreak = text.lastIndexOf('\n', text.length - 2);
  const middleLine = text.lastIndexOf('\n', middle) + 1;
  const nextBreak = text.indexOf('\n', middleLine);
  const earlier = [
    text.slice(0, middle) + 'x' + text.slice(middle),
    lastBreak < 0 ? '' : text.slice(0, lastBreak + 1),
    text.endsWith('\n') ? text.slice(0, -1) : `${text}\n`,
    text.slice(0, middleLine) + '\n' + text.slice(middleLine),
    nextBreak < 0 ? text.slice(0, middleLine) : text.slice(0, middleLine) + text.slice(nextBreak + 1),
    `# top\n${text}`,
  ];
  const fresh = parseSignature(DockerfileParser.parse(text));
  for (const before of earlier) {
    const prior = buildModel(before, URI, 6);
    service.diagnostics(analysisOf(prior), settings, FILES);
    const model = buildModel(text, URI, 7, prior);
    if (!isDeepStrictEqual(parseSignature(model.dockerfile), fresh)) fail(`parsed on top of ${JSON.stringify(before)}: answers differ from a fresh parse`);
    const published = service.diagnostics(analysisOf(model), settings, FILES);
    if (!isDeepStrictEqual(published, diagnostics)) fail(`analysed on top of ${JSON.stringify(before)}: diagnostics differ from a fresh analysis`);
  }
}

function checkSymbols(symbols: DocumentSymbol[], shape: DocShape, parent: Range | undefined): void {
  for (const s of symbols) {
    shape.checkRange(s.range, `symbol '${s.name}'`);
    shape.checkRange(s.selectionRange, `symbol '${s.name}' selection`);
    // VS Code refuses the whole outline when a name is empty ("name must not be falsy").
    if (typeof s.name !== 'string' || s.name === '') fail(`symbol with empty name at ${JSON.stringify(s.range)}`);
    // VS Code rejects the whole outline when a selectionRange is outside its range.
    if (!contains(s.range, s.selectionRange)) fail(`symbol '${s.name}': selectionRange ${JSON.stringify(s.selectionRange)} outside range ${JSON.stringify(s.range)}`);
    if (parent && !contains(parent, s.range)) fail(`symbol '${s.name}' ${JSON.stringify(s.range)} outside its parent ${JSON.stringify(parent)}`);
    if (s.children) checkSymbols(s.children, shape, s.range);
  }
}

function contains(outer: Range, inner: Range): boolean {
  const le = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

function checkSemanticTokens(data: number[], shape: DocShape): void {
  if (data.length % 5 !== 0) fail(`semantic tokens: ${data.length} numbers, not a multiple of 5`);
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, length] = data.slice(i, i + 3);
    if (dl < 0 || dc < 0 || length <= 0) fail(`semantic token ${i / 5}: bad deltas ${data.slice(i, i + 5)}`);
    line += dl;
    character = dl === 0 ? character + dc : dc;
    shape.checkRange({ start: { line, character }, end: { line, character: character + length } }, `semantic token ${i / 5}`);
  }
}

function checkDiagnostics(diagnostics: Diagnostic[], shape: DocShape, what: string): void {
  for (const d of diagnostics) {
    shape.checkRange(d.range, `${what} '${d.code}'`);
    if (typeof d.message !== 'string' || d.message === '') fail(`${what} '${d.code}' has no message`);
    for (const r of d.relatedInformation ?? []) shape.checkRange(r.location.range, `${what} '${d.code}' related`);
  }
}

/** Our rules for what fails BuildKit's parse (the build would not start). */
const PARSE_ERROR_RULES = new Set(['unknown-instruction', 'missing-arguments', 'invalid-flag', 'instruction-before-from']);

function parseErrors(model: StageModel): Diagnostic[] {
  return service.diagnostics(analysisOf(model), defaultSettings, {}).filter((d) => PARSE_ERROR_RULES.has(String(d.code)));
}

/** The kinds (codes) of parse error the text has. */
function baseErrorCodes(text: string): Set<string> {
  return new Set(parseErrors(buildModel(text, URI, 1)).map((d) => String(d.code)));
}

/** Runs every whole-document feature; returns the model for the position-based ones. */
export function checkDocumentFeatures(text: string, q: CaseQueries, settings: Settings): { model: StageModel; shape: DocShape } {
  const bound = q.boundMs ?? 5000;
  const shape = new DocShape(text);
  const model = timed('buildModel', bound, () => buildModel(text, URI, 7));
  if (model.document.lineCount !== shape.lineCount) fail(`TextDocument has ${model.document.lineCount} lines, expected ${shape.lineCount}`);
  checkModel(model, shape);
  const parseChecks = q.parseChecks !== false;
  if (parseChecks && !isDeepStrictEqual(parseSignature(model.dockerfile), parseSignature(DockerfileParser.parse(text)))) fail('our parse (words tokenized once) answers differently from dockerfile-ast as published');

  const symbols = timed('documentSymbols', bound, () => service.symbols(analysisOf(model)));
  checkSymbols(symbols, shape, undefined);
  for (const f of timed('foldingRanges', bound, () => service.folding(analysisOf(model)))) {
    if (f.startLine < 0 || f.endLine >= shape.lineCount || f.startLine > f.endLine) fail(`folding range ${f.startLine}-${f.endLine} outside 0-${shape.lineCount - 1}`);
  }
  checkSemanticTokens(timed('semanticTokens', bound, () => service.semanticTokens(analysisOf(model))).data, shape);
  const diagnostics = timed('computeDiagnostics', bound, () => service.diagnostics(analysisOf(model), settings, FILES, { onRuleError: (id, e) => fail(`rule ${id} threw: ${(e as Error)?.stack ?? e}`) }));
  checkDiagnostics(diagnostics, shape, 'diagnostic');
  if (parseChecks) checkIncremental(text, diagnostics, settings);
  for (const lens of timed('codeLenses', bound, () => service.codeLenses(analysisOf(model), { commands: ALL_COMMANDS }))) {
    shape.checkRange(lens.range, 'code lens');
    if (lens.command?.command === STAGE_COMMANDS.showReferences) {
      const args = lens.command.arguments?.[0] as ShowReferencesArgs;
      shape.checkPosition(args.position, 'code lens references position');
      for (const l of args.locations) shape.checkRange(l.range, 'code lens reference');
    }
  }
  const summaries = timed('stageSummaries', bound, () => service.stageSummaries(analysisOf(model)));
  if (summaries.length !== model.stages.length) fail('stageSummaries: one per stage expected');
  for (const targetName of ['', q.target ?? '', model.stages[0]?.name ?? '']) {
    const graph = timed('stageGraph', bound, () => service.graph(analysisOf(model), targetName));
    if (graph.target >= model.stages.length) fail(`stageGraph target ${graph.target} is no stage`);
    for (const e of graph.edges) if (e.to >= e.from) fail(`stageGraph edge ${e.from} -> ${e.to} does not point to an earlier stage`);
    const levelled = graph.levels.flat().length;
    if (graph.target >= 0 && levelled + graph.unreachable.length !== model.stages.length) fail('stageGraph: levels and unreachable stages do not cover every stage');
    timed('graphToMermaid', bound, () => graphToMermaid(graph));
    timed('graphToDot', bound, () => graphToDot(graph));
  }
  if (q.base !== false) {
    const base = baseService();
    const loose = shape.lenient();
    for (const link of timed('base.links', bound, () => base.links(model))) loose.checkRange(link.range, 'document link');
    const options = { tabSize: 4, insertSpaces: true };
    const formatEdits = timed('base.format', bound, () => base.format(model, options));
    for (const e of formatEdits) loose.checkRange(e.range, 'format edit');
    apply(text, formatEdits, 'format');
    const whole = { start: { line: 0, character: 0 }, end: model.document.positionAt(text.length) };
    for (const e of timed('base.formatRange', bound, () => base.formatRange(model, whole, options))) loose.checkRange(e.range, 'range format edit');
  }
  return { model, shape };
}

/** Runs every position-based feature at `pos`. */
export async function checkPositionFeatures(
  model: StageModel,
  shape: DocShape,
  pos: Position,
  q: CaseQueries,
  settings: Settings,
  work: PositionWork = {
    base: q.base !== false,
    rename: q.roundTrips !== false,
    actions: true,
    applyActions: q.roundTrips !== false,
    baseErrors: once(() => baseErrorCodes(model.document.getText())),
  },
): Promise<void> {
  const bound = q.boundMs ?? 5000;
  const at = `at ${pos.line}:${pos.character}`;

  const definition = timed(`findDefinition ${at}`, bound, () => service.definition(analysisOf(model), pos));
  if (definition) checkDefinition(model, shape, definition, pos);
  for (const l of timed(`findReferences ${at}`, bound, () => service.references(analysisOf(model), pos, true))) shape.checkRange(l.range, `reference ${at}`);
  for (const h of timed(`findHighlights ${at}`, bound, () => service.highlights(analysisOf(model), pos))) shape.checkRange(h.range, `highlight ${at}`);
  const hover = timed(`stageHover ${at}`, bound, () => service.hover(analysisOf(model), pos));
  if (hover?.range) shape.checkRange(hover.range, `hover ${at}`);
  for (const item of timed(`stageCompletions ${at}`, bound, () => service.completion(analysisOf(model), pos) as CompletionItem[])) {
    const edit = item.textEdit;
    if (edit && 'range' in edit) shape.checkRange(edit.range, `completion '${item.label}' ${at}`);
  }
  const prepared = timed(`prepareRename ${at}`, bound, () => service.prepareRename(analysisOf(model), pos));
  if (isRefusal(prepared)) {
    if (!prepared.error) fail(`prepareRename ${at}: refusal without a message`);
  } else {
    shape.checkRange(prepared.range, `prepareRename ${at}`);
    if (work.rename) checkRename(model, shape, pos, q.newName, bound);
  }

  if (work.actions) {
    const range = { start: pos, end: pos };
    const current = service.diagnostics(analysisOf(model), settings, FILES);
    const asked = current.filter((d) => d.range.start.line <= pos.line && pos.line <= d.range.end.line);
    // refactorActions isolates a refactor that throws; each is called directly here so none hides a crash.
    for (const refactor of refactors) timed(`refactor ${refactor.id} ${at}`, bound, () => refactor.actions({ model, range, settings, files: FILES }));
    const actions = timed(`computeCodeActions ${at}`, bound, () => service.codeActions(analysisOf(model), range, { diagnostics: asked }, settings, FILES));
    for (const action of actions) {
      if (typeof action.title !== 'string' || action.title === '') fail(`code action without a title ${at}`);
      if (action.edit) editsFor(shape, action.edit, model.uri, model.version, `code action '${action.title}' ${at}`);
      if (work.applyActions) checkAction(model, shape, action, bound, at, work.baseErrors);
    }
  }

  if (work.base) {
    const base = baseService();
    const baseHover = timed(`base.hover ${at}`, bound, () => base.hover(model, pos));
    const loose = shape.lenient();
    if (baseHover?.range) loose.checkRange(baseHover.range, `base hover ${at}`);
    const items = await timedAsync(`base.completion ${at}`, bound, () => base.completion(model, pos, false));
    for (const item of items) {
      const edit = item.textEdit;
      if (edit && 'range' in edit) loose.checkRange(edit.range, `base completion '${item.label}' ${at}`);
      timed(`base.resolveCompletion ${at}`, bound, () => base.resolveCompletion(item));
    }
    timed(`base.signatureHelp ${at}`, bound, () => base.signatureHelp(model, pos));
    for (const ch of [model.escapeChar]) {
      const edits = timed(`base.formatOnType ${JSON.stringify(ch)} ${at}`, bound, () => base.formatOnType(model, pos, ch, { tabSize: 4, insertSpaces: true }));
      for (const e of edits) loose.checkRange(e.range, `on-type format edit ${at}`);
    }
  }
}

function checkDefinition(model: StageModel, shape: DocShape, definition: Location, pos: Position): void {
  shape.checkRange(definition.range, 'definition');
  if (definition.uri !== model.uri) fail(`definition in another document ${definition.uri}`);
  const stage = model.stages.find((s) => sameRange(stageAnchor(s), definition.range));
  if (!stage) fail(`definition at ${pos.line}:${pos.character} lands on ${JSON.stringify(definition.range)}, which is no stage`);
  const reference = model.references.find((r) => contains(r.range, { start: pos, end: pos }));
  if (reference && reference.resolution.kind === 'stage' && stage.index >= reference.inStage) {
    fail(`definition of '${reference.value}' in stage ${reference.inStage} lands on stage ${stage.index}, not an earlier one`);
  }
}

function checkRename(model: StageModel, shape: DocShape, pos: Position, newName: string, bound: number): void {
  const at = `rename to '${newName}' at ${pos.line}:${pos.character}`;
  const result = timed(at, bound, () => service.rename(analysisOf(model), pos, newName));
  if (isRefusal(result)) {
    if (!result.error) fail(`${at}: refusal without a message`);
    return;
  }
  const target = service.definition(analysisOf(model), pos);
  const stage = model.stages.find((s) => target && sameRange(stageAnchor(s), target.range));
  if (!stage) fail(`${at}: renamed, but the position names no stage`);
  const text = model.document.getText();
  const after = apply(text, editsFor(shape, result, model.uri, model.version, at), at);
  const renamed = timed(`${at}: re-analysis`, bound, () => buildModel(after, URI, model.version + 1));
  if (renamed.stages.length !== model.stages.length) fail(`${at}: ${model.stages.length} stages before, ${renamed.stages.length} after\n--- after ---\n${after}`);
  const now = renamed.stages[stage.index];
  if (now.normalizedName !== newName.toLowerCase()) fail(`${at}: stage ${stage.index} is named '${now.name}' after the rename\n--- after ---\n${after}`);
  // A FROM that names no earlier stage (an image, or a stage further down: BuildKit reads both as an
  // image) may switch between the two, or to another later stage of the old name, without changing
  // what is built; every FROM that resolves to a stage, and every --from / from=, must resolve as before.
  const pullsImage = (line: string) => /^from .* -> (forward:\d+ by \w+|image(=.*)?)$/.test(line);
  const before = resolutionSignature(model).filter((line) => !pullsImage(line));
  const afterSig = resolutionSignature(renamed).filter((line) => !pullsImage(line));
  if (before.join('\n') !== afterSig.join('\n')) {
    fail(`${at}: references resolve differently after the rename\n--- before ---\n${before.join('\n')}\n--- after ---\n${afterSig.join('\n')}\n--- text after ---\n${after}`);
  }
  if (referencesTo(renamed, now).length !== referencesTo(model, stage).length) fail(`${at}: reference count of the stage changed`);
}

function checkAction(model: StageModel, shape: DocShape, action: CodeAction, bound: number, at: string, baseErrors: () => Set<string>): void {
  const what = `code action '${action.title}' (${action.kind}) ${at}`;
  if (typeof action.title !== 'string' || action.title === '') fail(`${what}: no title`);
  if (!action.edit) return;
  const text = model.document.getText();
  const edits = editsFor(shape, action.edit, model.uri, model.version, what);
  const after = apply(text, edits, what);
  const parsed = timed(`${what}: re-analysis`, bound, () => buildModel(after, URI, model.version + 1));
  checkModel(parsed, new DocShape(after));
  // "Parses": text BuildKit would parse (none of our parse-error rules fire) still parses afterwards.
  // (Text that was broken already is only re-analysed: a refactor may carry a broken line along.)
  if (baseErrors().size > 0) return;
  const errors = parseErrors(parsed);
  if (errors.length > 0) {
    const list = errors.map((d) => `${d.range.start.line}: ${d.message} (${d.code})`).join('; ');
    fail(`${what}: the text had no parse error, the result has ${list}\n--- before ---\n${text}\n--- after ---\n${after}`);
  }
}

/** Interesting offsets of a text: every stage name, reference and FROM, plus their ends. */
export function anchorOffsets(model: StageModel): number[] {
  const offsets: number[] = [];
  const add = (r: Range | undefined) => {
    if (!r) return;
    offsets.push(model.document.offsetAt(r.start), model.document.offsetAt(r.end));
  };
  for (const s of model.stages) {
    add(s.nameRange);
    add(s.fromKeywordRange);
    add(s.baseImageRange);
  }
  for (const r of model.references) add(r.range);
  return offsets;
}

/**
 * Every invariant on one text. Position-based features run at the given offsets and at up to
 * `anchors` anchor offsets (stage names, references), so definitions and renames are exercised.
 */
export async function checkText(text: string, q: CaseQueries, anchors = 4): Promise<void> {
  const settings: Settings = { ...defaultSettings, target: q.target ?? '' };
  const { model, shape } = checkDocumentFeatures(text, q, settings);
  // Anchors and the case's own offsets alternate, so the first positions (which also get the slower
  // base features and code action round trips) include both kinds.
  const interesting = anchorOffsets(model);
  const offsets: number[] = [];
  for (let i = 0; i < Math.max(q.offsets.length, anchors); i++) {
    if (i < anchors && interesting.length > 0) offsets.push(interesting[(q.offsets[i] ?? i * 7919) % interesting.length]);
    if (i < q.offsets.length) offsets.push(q.offsets[i]);
  }
  const seen = new Set<string>();
  const baseErrors = once(() => baseErrorCodes(text));
  let n = 0;
  for (const offset of offsets) {
    const pos = shape.positionAt(offset % (text.length + 1));
    const key = `${pos.line}:${pos.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const work = {
      base: q.base !== false && n < (q.basePositions ?? 2),
      rename: q.roundTrips !== false && n < 3,
      actions: n < (q.actionPositions ?? 1),
      applyActions: q.roundTrips !== false,
      baseErrors,
    };
    n++;
    await checkPositionFeatures(model, shape, pos, q, settings, work);
  }
}

function once<T>(f: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: f() }).v;
}
