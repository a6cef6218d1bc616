// The operations the bench times, ours and (where dockerfile-language-service has one) theirs, on one
// text. Each `ours`/`theirs` factory returns a zero-argument function to time, or undefined when the
// module or export it needs is not there (reported as "n/a"). `check` rejects a result that shows the
// call took a trivial path (e.g. no definition found), so a fast "nothing" is never reported as speed.
import { pick } from './service.mjs';

const NEW_NAME = 'renamed-stage';
const ALL_LENS_COMMANDS = new Set(['dockerfileStages.buildStage', 'dockerfileStages.shellInStage', 'dockerfileStages.showStageReferences']);

const nonEmpty = (r) => Array.isArray(r) ? r.length > 0 : !!r;

/**
 * Per-text state shared by the operations: the document, an AnalysisCache (so navigation runs on the
 * analysis already built for this version, as in the server), and the probe positions.
 */
export function makeContext(S, text, uri = 'file:///bench/Dockerfile') {
  const svc = S.index;
  const cache = new svc.AnalysisCache();
  const doc = { uri, version: 1, getText: () => text };
  const analysis = () => cache.get(doc);
  const model = () => analysis().model;
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

  const settings = svc.withDefaults({});
  const base = new svc.BaseService();

  // "After an edit": every call sees a new version whose text differs from the previous one. Another
  // uri, so the cache keeps the warm analysis of `doc` for the navigation operations.
  const edited = `${text}\n`;
  let version = 1;
  const editedDoc = { uri: `${uri}.edited`, version, text, getText() { return this.text; } };
  const freshAnalysis = () => {
    version++;
    editedDoc.version = version;
    editedDoc.text = version % 2 ? text : edited;
    return cache.get(editedDoc);
  };
  // The warm model under a new analysis with nothing cached: what the rules cost on a built model.
  const coldAnalysis = () => new svc.Analysis({ ...model() });
  const currentText = () => editedDoc.text;

  // Edits inside the middle stage, each toggled on and off like the one above, on a document of
  // its own: a character typed at the end of a line (the lines below stay where they are), and a
  // line break typed there (every line below moves down).
  const middleEdit = middleStageLineEnd(m, text);
  const editor = (insert) => {
    if (middleEdit === undefined) return undefined;
    const changed = text.slice(0, middleEdit) + insert + text.slice(middleEdit);
    const d = { uri: `${uri}.${insert === '\n' ? 'newline' : 'typed'}`, version: 1, text, getText() { return this.text; } };
    return {
      analysis: () => {
        d.version++;
        d.text = d.version % 2 ? text : changed;
        return cache.get(d);
      },
      currentText: () => d.text,
    };
  };
  const typedInMiddle = editor('x');
  const newlineInMiddle = editor('\n');

  return { S, svc, text, uri, model, analysis, refPos, refEndPos, fromPos, fromRange, settings, base, freshAnalysis, coldAnalysis, currentText, typedInMiddle, newlineInMiddle, stageCount: m.stages.length, refValue: ref?.value };
}

/** The end of the first line of an instruction in the middle stage that is not continued (an offset in `text`). */
function middleStageLineEnd(m, text) {
  const stage = m.stages[m.stages.length >> 1];
  const lines = text.split('\n');
  for (const instruction of stage?.instructions ?? []) {
    const line = instruction.getRange().start.line;
    if (lines[line].trimEnd().endsWith(m.escapeChar)) continue;
    return m.document.offsetAt({ line, character: lines[line].replace(/\r$/, '').length });
  }
  return undefined;
}

/** Our full diagnostics on an analysis, the way the server computes them (rules only, no base checks). */
function diagnosticsFn(ctx) {
  return (analysis) => ctx.svc.diagnostics(analysis, ctx.settings, {});
}

/**
 * What the server publishes. Since our own rules cover BuildKit's checks and parse errors, that is
 * our rules alone (the second parse, dockerfile-utils' validate, is gone).
 */
function publishedFn(ctx) {
  return (analysis) => ctx.svc.diagnostics(analysis, ctx.settings, {});
}

function codeActionsFn(ctx) {
  return (analysis, range, diagnostics) => ctx.svc.codeActions(analysis, range, { diagnostics }, ctx.settings, {});
}

/**
 * Ours: `facade.name(analysis, ...args(ctx))` on the warm analysis; undefined when the facade lacks
 * it or `args` has no probe (returns undefined) for this text.
 */
function onAnalysis(name, args = () => []) {
  return (ctx) => {
    const fn = pick(ctx.svc, name);
    const a = args(ctx);
    return fn && a && (() => fn(ctx.analysis(), ...a));
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
    note: 'dockerfile-ast as published, the parser inside our model build (which tokenizes words once and, after an edit, takes over the untouched instructions: server/src/service/parse.ts). Theirs: dockerfile-utils validate, which runs the same parser first',
    ours: (ctx) => () => ctx.Parser.parse(ctx.text),
    theirs: (ctx, dls) => () => dls.validate(ctx.text),
  },
  {
    id: 'diagnostics',
    label: 'diagnostics after an edit (ours: model + rules)',
    note: 'theirs: dockerfile-utils validate on the same text',
    ours: (ctx) => {
      const diag = diagnosticsFn(ctx);
      return () => diag(ctx.freshAnalysis());
    },
    theirs: validateCurrent,
  },
  {
    id: 'rules',
    label: 'diagnostics rules alone (warm model)',
    note: 'the rules part of the row above, on the model already built',
    ours: (ctx) => {
      const diag = diagnosticsFn(ctx);
      return () => diag(ctx.coldAnalysis());
    },
  },
  {
    id: 'diagnostics+base',
    label: 'diagnostics after an edit, as published',
    note: 'what the server publishes (our rules, BuildKit checks and parse errors included; no second parse); the edit: a line break toggled at the end of the file. Theirs: dockerfile-utils validate on the same text',
    ours: (ctx) => {
      const published = publishedFn(ctx);
      return () => published(ctx.freshAnalysis());
    },
    theirs: validateCurrent,
  },
  {
    id: 'diagnostics+typed',
    label: 'diagnostics after a character typed in the middle stage, as published',
    note: 'a character typed at the end of a line of the middle stage (no line moves); theirs: dockerfile-utils validate on the same text',
    ours: (ctx) => {
      const published = publishedFn(ctx);
      return ctx.typedInMiddle && (() => published(ctx.typedInMiddle.analysis()));
    },
    theirs: (ctx, dls) => ctx.typedInMiddle && (() => dls.validate(ctx.typedInMiddle.currentText())),
  },
  {
    id: 'diagnostics+newline',
    label: 'diagnostics after a line break typed in the middle stage, as published',
    note: 'a line break typed at the end of a line of the middle stage (every line below moves: their instructions are parsed again); theirs: dockerfile-utils validate on the same text',
    ours: (ctx) => {
      const published = publishedFn(ctx);
      return ctx.newlineInMiddle && (() => published(ctx.newlineInMiddle.analysis()));
    },
    theirs: (ctx, dls) => ctx.newlineInMiddle && (() => dls.validate(ctx.newlineInMiddle.currentText())),
  },
  {
    id: 'definition',
    label: 'definition',
    nav: true,
    ours: onAnalysis('definition', (ctx) => ctx.refPos && [ctx.refPos]),
    theirs: (ctx, dls) => ctx.refPos && (() => dls.computeDefinition({ uri: ctx.uri }, ctx.text, ctx.refPos)),
    check: nonEmpty,
  },
  {
    id: 'references',
    label: 'references',
    nav: true,
    ours: onAnalysis('references', (ctx) => ctx.refPos && [ctx.refPos, true]),
    theirsMissing: 'dockerfile-language-service has no references',
    check: nonEmpty,
  },
  {
    id: 'highlight',
    label: 'highlight',
    nav: true,
    ours: onAnalysis('highlights', (ctx) => ctx.refPos && [ctx.refPos]),
    theirs: (ctx, dls) => ctx.refPos && (() => dls.computeHighlightRanges(ctx.text, ctx.refPos)),
    check: nonEmpty,
  },
  {
    id: 'rename',
    label: 'rename',
    nav: true,
    ours: onAnalysis('rename', (ctx) => ctx.refPos && [ctx.refPos, NEW_NAME]),
    theirs: (ctx, dls) => ctx.refPos && (() => dls.computeRename({ uri: ctx.uri }, ctx.text, ctx.refPos, NEW_NAME)),
    check: (r) => !!r && !('error' in r),
  },
  {
    id: 'hover',
    label: 'hover',
    nav: true,
    note: 'ours: stage hover, else the base hover (as the server answers)',
    ours: onAnalysis('hover', (ctx) => ctx.refPos && [ctx.refPos, ctx.base]),
    theirs: (ctx, dls) => ctx.refPos && (() => dls.computeHover(ctx.text, ctx.refPos)),
    check: nonEmpty,
  },
  {
    id: 'completion',
    label: 'completion',
    nav: true,
    note: 'at the end of the `--from=` value: stage names',
    ours: onAnalysis('completion', (ctx) => ctx.refEndPos && [ctx.refEndPos, ctx.base, false]),
    theirs: (ctx, dls) => ctx.refEndPos && (() => dls.computeCompletionItems(ctx.text, ctx.refEndPos)),
    check: nonEmpty,
  },
  {
    id: 'symbols',
    label: 'document symbols',
    ours: onAnalysis('symbols'),
    theirs: (ctx, dls) => () => dls.computeSymbols({ uri: ctx.uri }, ctx.text),
    check: nonEmpty,
  },
  {
    id: 'folding',
    label: 'folding ranges',
    ours: onAnalysis('folding'),
    theirs: (ctx, dls) => () => dls.computeFoldingRanges(ctx.text),
    check: nonEmpty,
  },
  {
    id: 'semanticTokens',
    label: 'semantic tokens',
    ours: onAnalysis('semanticTokens'),
    theirs: (ctx, dls) => () => dls.computeSemanticTokens(ctx.text),
    check: (r) => r?.data?.length > 0,
    explodes: true,
  },
  {
    id: 'codeLens',
    label: 'code lenses',
    ours: onAnalysis('codeLenses', () => [{ commands: ALL_LENS_COMMANDS }]),
    theirsMissing: 'dockerfile-language-service has no code lenses',
    check: nonEmpty,
  },
  {
    id: 'codeActions',
    label: 'code actions at a FROM',
    note: 'cursor on the last FROM, the diagnostics on that line in the context. Not comparable work: theirs only turns the diagnostics passed in into quick-fix commands (no parse); ours reuses the diagnostics of the version and builds quick fixes, refactors and fix-all',
    incomparable: true,
    ours: (ctx) => {
      const fn = codeActionsFn(ctx);
      if (!ctx.fromRange) return undefined;
      const diagnostics = diagnosticsFn(ctx)(ctx.analysis()).filter(overlapsLine(ctx.fromPos.line));
      return () => fn(ctx.analysis(), ctx.fromRange, diagnostics);
    },
    theirs: (ctx, dls) => {
      if (!ctx.fromRange) return undefined;
      const diagnostics = dls.validate(ctx.text).filter(overlapsLine(ctx.fromPos.line));
      return () => dls.computeCodeActions({ uri: ctx.uri }, ctx.fromRange, { diagnostics });
    },
  },
];
