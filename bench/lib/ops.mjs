// The operations the bench times, ours and (where dockerfile-language-service has one) theirs, on one
// text. Each `ours`/`theirs` factory returns a zero-argument function to time, or undefined when the
// module or export it needs is not there (reported as "n/a"). `check` rejects a result that shows the
// call took a trivial path (e.g. no definition found), so a fast "nothing" is never reported as speed.
import { pick } from './service.mjs';

const NEW_NAME = 'renamed-stage';
const ALL_LENS_COMMANDS = new Set(['dockerfileStages.buildStage', 'dockerfileStages.shellInStage', 'dockerfileStages.showStageReferences']);

const nonEmpty = (r) => Array.isArray(r) ? r.length > 0 : !!r;

/**
 * Per-text state shared by the operations: the document, a ModelCache (so navigation runs on the
 * model already built for this version, as in the server), and the probe positions.
 */
export function makeContext(S, text, uri = 'file:///bench/Dockerfile') {
  const { buildModel } = S.model;
  const Cache = S.modelCache?.ModelCache;
  const cache = Cache ? new Cache() : undefined;
  const doc = { uri, version: 1, getText: () => text };
  let fallback;
  const model = cache ? () => cache.get(doc) : () => (fallback ??= buildModel(text, uri, 1));
  const m = model();

  // A reference near the end: the last one that resolves to a stage, `--from` / `from=` preferred
  // (those are also completion positions); cursor in the middle of the value.
  const stageRefs = m.references.filter((r) => r.resolution.kind === 'stage');
  const flagRefs = stageRefs.filter((r) => r.kind !== 'from');
  const ref = flagRefs[flagRefs.length - 1] ?? stageRefs[stageRefs.length - 1];
  const refPos = ref ? { line: ref.range.start.line, character: (ref.range.start.character + ref.range.end.character) >> 1 } : undefined;
  const refEndPos = ref && ref.kind !== 'from' ? ref.range.end : undefined;
  const lastStage = m.stages[m.stages.length - 1];
  const fromPos = lastStage ? { line: lastStage.fromKeywordRange.start.line, character: lastStage.fromKeywordRange.start.character + 1 } : undefined;
  const fromRange = fromPos ? { start: fromPos, end: fromPos } : undefined;

  const settings = S.settings ? (S.settings.withDefaults?.({}) ?? S.settings.defaultSettings) : undefined;
  const base = S.base ? new S.base.BaseService() : undefined;

  // "After an edit": every call sees a new version whose text differs from the previous one. Another
  // uri, so the cache keeps the warm model of `doc` for the navigation operations.
  const edited = `${text}\n`;
  let version = 1;
  const editedDoc = { uri: `${uri}.edited`, version, text, getText() { return this.text; } };
  const freshModel = () => {
    version++;
    editedDoc.version = version;
    editedDoc.text = version % 2 ? text : edited;
    return cache ? cache.get(editedDoc) : buildModel(editedDoc.text, editedDoc.uri, version);
  };
  const currentText = () => editedDoc.text;

  return { S, text, uri, model, refPos, refEndPos, fromPos, fromRange, settings, base, freshModel, currentText, stageCount: m.stages.length, refValue: ref?.value };
}

/** Our full diagnostics on a model, the way the server computes them (rules only, no base checks). */
function diagnosticsFn(ctx) {
  const fn = pick(ctx.S.diagnostics, 'computeDiagnostics');
  if (!fn || !ctx.settings) return undefined;
  return (model) => fn({ model, settings: ctx.settings, files: {} });
}

/**
 * What the server publishes. Since our own rules cover BuildKit's checks and parse errors, that is
 * our rules alone; older commits (with `mergeBaseDiagnostics`) also ran dockerfile-utils' validate.
 */
function publishedFn(ctx) {
  const diag = diagnosticsFn(ctx);
  if (!diag) return undefined;
  const merge = pick(ctx.S.diagnostics, 'mergeBaseDiagnostics');
  if (!merge || typeof ctx.base?.validate !== 'function') return diag;
  return (model) => {
    const ours = diag(model);
    return ctx.settings.baseDiagnostics === false ? ours : merge(ours, ctx.base.validate(model));
  };
}

function codeActionsFn(ctx) {
  const fn = pick(ctx.S.codeActions, 'computeCodeActions');
  if (!fn || !ctx.settings) return undefined;
  return (model, range, diagnostics) => fn(model, range, diagnostics, undefined, ctx.settings, {});
}

/**
 * Ours: `module.name(model, ...args(ctx))` on the warm model; undefined when the export is missing or
 * `args` has no probe (returns undefined) for this text.
 */
function onModel(module, names, args = () => []) {
  return (ctx) => {
    const fn = pick(ctx.S[module], ...names);
    const a = args(ctx);
    return fn && a && (() => fn(ctx.model(), ...a));
  };
}

const validateCurrent = (ctx, dls) => () => dls.validate(ctx.currentText());

const overlapsLine = (line) => (d) => d.range.start.line <= line && line <= d.range.end.line;

export const OPERATIONS = [
  {
    id: 'model',
    label: 'build stage model',
    note: 'parse + stages + references + graph, per document version',
    ours: (ctx) => () => ctx.S.model.buildModel(ctx.text, ctx.uri, 1),
    check: (m) => m.stages.length > 0,
  },
  {
    id: 'parse',
    label: 'dockerfile-ast parse alone',
    note: 'the parser inside our model build. Theirs: dockerfile-utils validate, which runs the same parser first, so this ratio is the floor for any diagnostics built on a dockerfile-ast parse',
    ours: (ctx) => () => ctx.Parser.parse(ctx.text),
    theirs: (ctx, dls) => () => dls.validate(ctx.text),
  },
  {
    id: 'diagnostics',
    label: 'diagnostics after an edit (ours: model + rules)',
    note: 'theirs: dockerfile-utils validate on the same text',
    ours: (ctx) => {
      const diag = diagnosticsFn(ctx);
      return diag && (() => diag(ctx.freshModel()));
    },
    theirs: validateCurrent,
  },
  {
    id: 'rules',
    label: 'diagnostics rules alone (warm model)',
    note: 'the rules part of the row above, on the model already built',
    ours: (ctx) => {
      const diag = diagnosticsFn(ctx);
      return diag && (() => diag(ctx.model()));
    },
  },
  {
    id: 'diagnostics+base',
    label: 'diagnostics after an edit, as published',
    note: 'what the server publishes (our rules, BuildKit checks and parse errors included; no second parse). Theirs: dockerfile-utils validate on the same text',
    ours: (ctx) => {
      const published = publishedFn(ctx);
      return published && (() => published(ctx.freshModel()));
    },
    theirs: validateCurrent,
  },
  {
    id: 'definition',
    label: 'definition',
    nav: true,
    ours: onModel('definition', ['findDefinition'], (ctx) => ctx.refPos && [ctx.refPos]),
    theirs: (ctx, dls) => ctx.refPos && (() => dls.computeDefinition({ uri: ctx.uri }, ctx.text, ctx.refPos)),
    check: nonEmpty,
  },
  {
    id: 'references',
    label: 'references',
    nav: true,
    ours: onModel('references', ['findReferences'], (ctx) => ctx.refPos && [ctx.refPos, true]),
    theirsMissing: 'dockerfile-language-service has no references',
    check: nonEmpty,
  },
  {
    id: 'highlight',
    label: 'highlight',
    nav: true,
    ours: onModel('highlight', ['findHighlights'], (ctx) => ctx.refPos && [ctx.refPos]),
    theirs: (ctx, dls) => ctx.refPos && (() => dls.computeHighlightRanges(ctx.text, ctx.refPos)),
    check: nonEmpty,
  },
  {
    id: 'rename',
    label: 'rename',
    nav: true,
    ours: onModel('rename', ['renameStage'], (ctx) => ctx.refPos && [ctx.refPos, NEW_NAME]),
    theirs: (ctx, dls) => ctx.refPos && (() => dls.computeRename({ uri: ctx.uri }, ctx.text, ctx.refPos, NEW_NAME)),
    check: (r) => !!r && !('error' in r),
  },
  {
    id: 'hover',
    label: 'hover',
    nav: true,
    note: 'ours: stage hover, else the base hover (as the server answers)',
    ours: (ctx) => {
      const fn = pick(ctx.S.hover, 'stageHover', 'hover', 'computeHover');
      return fn && ctx.refPos && (() => fn(ctx.model(), ctx.refPos) ?? ctx.base?.hover(ctx.model(), ctx.refPos));
    },
    theirs: (ctx, dls) => ctx.refPos && (() => dls.computeHover(ctx.text, ctx.refPos)),
    check: nonEmpty,
  },
  {
    id: 'completion',
    label: 'completion',
    nav: true,
    note: 'at the end of the `--from=` value: stage names',
    ours: (ctx) => {
      const fn = pick(ctx.S.completion, 'stageCompletions', 'completion', 'computeCompletion');
      const pos = ctx.refEndPos;
      return fn && pos && (() => fn(ctx.model(), pos) ?? ctx.base?.completion(ctx.model(), pos, false));
    },
    theirs: (ctx, dls) => ctx.refEndPos && (() => dls.computeCompletionItems(ctx.text, ctx.refEndPos)),
    check: nonEmpty,
  },
  {
    id: 'symbols',
    label: 'document symbols',
    ours: onModel('symbols', ['documentSymbols', 'computeSymbols']),
    theirs: (ctx, dls) => () => dls.computeSymbols({ uri: ctx.uri }, ctx.text),
    check: nonEmpty,
  },
  {
    id: 'folding',
    label: 'folding ranges',
    ours: onModel('folding', ['foldingRanges', 'computeFoldingRanges']),
    theirs: (ctx, dls) => () => dls.computeFoldingRanges(ctx.text),
    check: nonEmpty,
  },
  {
    id: 'semanticTokens',
    label: 'semantic tokens',
    ours: onModel('semanticTokens', ['semanticTokens', 'computeSemanticTokens']),
    theirs: (ctx, dls) => () => dls.computeSemanticTokens(ctx.text),
    check: (r) => r?.data?.length > 0,
    explodes: true,
  },
  {
    id: 'codeLens',
    label: 'code lenses',
    ours: onModel('codeLens', ['codeLenses', 'computeCodeLenses'], () => [{ commands: ALL_LENS_COMMANDS }]),
    theirsMissing: 'dockerfile-language-service has no code lenses',
    check: nonEmpty,
  },
  {
    id: 'codeActions',
    label: 'code actions at a FROM',
    note: 'cursor on the last FROM, the diagnostics on that line in the context. Not comparable work: theirs only turns the diagnostics passed in into quick-fix commands (no parse); ours analyses afresh for quick fixes, refactors and fix-all',
    incomparable: true,
    ours: (ctx) => {
      const fn = codeActionsFn(ctx);
      if (!fn || !ctx.fromRange) return undefined;
      const diag = diagnosticsFn(ctx);
      const diagnostics = diag ? diag(ctx.model()).filter(overlapsLine(ctx.fromPos.line)) : [];
      return () => fn(ctx.model(), ctx.fromRange, diagnostics);
    },
    theirs: (ctx, dls) => {
      if (!ctx.fromRange) return undefined;
      const diagnostics = dls.validate(ctx.text).filter(overlapsLine(ctx.fromPos.line));
      return () => dls.computeCodeActions({ uri: ctx.uri }, ctx.fromRange, { diagnostics });
    },
  },
];
