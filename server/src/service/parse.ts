/**
 * The one dockerfile-ast parse of a document version: each instruction built once and its words
 * tokenized once, and an instruction that an edit did not touch taken over from the previous version.
 *
 * Measured (bench/RESULTS.md, README "Speed"): dockerfile-ast re-tokenizes an instruction on every
 * `getRawArguments()` / `getArguments()` call (and `getFlags`, `getArgumentsContent`, `getImage`, …
 * go through them); its own parse calls them several times per instruction (the constructors of
 * RUN, CMD, COPY, … read them) and builds every instruction twice (once to look for heredocs, once
 * to keep). That was 60 % of the parse, and the rules read the words again.
 *
 * An instruction never changes after the parse: what it answers depends only on its span (the
 * positions of its lines), the text of that span and the escape character. So, for the
 * instructions of this parse only (dockerfile-language-service's own parses keep dockerfile-ast as
 * published):
 * - the words are tokenized once, and every call gets its own array of the same `Argument`s;
 * - the second build of an instruction over the same span returns the first one;
 * - with the previous version's parse given, an instruction with the same span, span text and
 *   escape character is the previous one, moved over to this version's document and Dockerfile.
 *   Its facts cached per instruction (facts/memo.ts `PerInstruction`) come with it.
 */
import { DockerfileParser, From, Instruction, type Argument, type Comment, type Dockerfile } from 'dockerfile-ast';
import type { ImageTemplate } from 'dockerfile-ast/lib/imageTemplate';
import { Dockerfile as DockerfileClass } from 'dockerfile-ast/lib/dockerfile';
import { Parser } from 'dockerfile-ast/lib/parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';

const WORDS = Symbol('dockerfile-stages.words');
const KEYWORD = Symbol('dockerfile-stages.keyword');
const OURS = Symbol('dockerfile-stages.parse');
const SPANS = Symbol('dockerfile-stages.spans');

/** An instruction as dockerfile-ast builds it (these are private fields there), with what we keep on it. */
interface Built {
  document: TextDocument;
  dockerfile: Dockerfile;
  [WORDS]?: Argument[];
  [KEYWORD]?: string;
  [OURS]?: true;
}

/** An instruction one parse built, with what it was built from. */
interface Span {
  instruction: Instruction;
  escapeChar: string;
  /** The keyword as written. */
  keyword: string;
  /** Its lines (heredoc bodies included) and its keyword's range. */
  lines: Range;
  head: Range;
  /** The text of `lines`. */
  text: string;
}

/** The instructions one parse built, by their first line. */
type Spans = Map<number, Span[]>;

const sameRange = (a: Range, b: Range) => a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

function find(spans: Spans | undefined, escapeChar: string, keyword: string, lines: Range, head: Range, text: string): Span | undefined {
  for (const s of spans?.get(lines.start.line) ?? []) {
    if (s.escapeChar === escapeChar && s.keyword === keyword && sameRange(s.lines, lines) && sameRange(s.head, head) && s.text === text) return s;
  }
  return undefined;
}

/** While `parseDockerfile` runs: what this parse built so far, and what the previous version's built. */
let building: { spans: Spans; previous?: Spans } | undefined;

function patchDockerfileAst(): void {
  const proto = Instruction.prototype as unknown as { getRawArguments(this: Built): Argument[]; getKeyword(this: Built): string };
  const tokenize = proto.getRawArguments;
  proto.getRawArguments = function (this: Built) {
    const words = this[WORDS] ?? (building || this[OURS] ? (this[WORDS] = tokenize.call(this)) : undefined);
    return words ? words.slice() : tokenize.call(this);
  };
  const keywordOf = proto.getKeyword;
  proto.getKeyword = function (this: Built) {
    return this[KEYWORD] ?? (building || this[OURS] ? (this[KEYWORD] = keywordOf.call(this)) : keywordOf.call(this));
  };
  // From's getRegistryRange and getImageNameRange assign to the range getImageRange returns (the
  // first argument's): with the arguments shared, that would move the argument, so ours hand out a copy.
  const fromProto = From.prototype as unknown as { getImageRange(this: Built): Range | null };
  const imageRange = fromProto.getImageRange;
  fromProto.getImageRange = function (this: Built) {
    const range = imageRange.call(this);
    return range && this[WORDS] ? { start: range.start, end: range.end } : range;
  };
  const organize = DockerfileClass.prototype.organizeComments;
  DockerfileClass.prototype.organizeComments = function (this: DockerfileClass) {
    if (!building || !organizeInOnePass(this as unknown as Organizable)) organize.call(this);
  };
  const create = Parser.createInstruction;
  Parser.createInstruction = (document, dockerfile, escapeChar, lines, keyword, head) => {
    if (!building) return create(document, dockerfile, escapeChar, lines, keyword, head);
    const text = document.getText().slice(document.offsetAt(lines.start), document.offsetAt(lines.end));
    const own = find(building.spans, escapeChar, keyword, lines, head, text);
    if (own) return own.instruction;
    const previous = find(building.previous, escapeChar, keyword, lines, head, text);
    let instruction: Instruction;
    if (previous) {
      instruction = previous.instruction;
      const moved = instruction as unknown as Built;
      moved.document = document;
      moved.dockerfile = dockerfile;
    } else {
      instruction = create(document, dockerfile, escapeChar, lines, keyword, head);
    }
    const span: Span = { instruction, escapeChar, keyword, lines, head, text };
    const onLine = building.spans.get(lines.start.line);
    if (onLine) onLine.push(span);
    else building.spans.set(lines.start.line, [span]);
    return instruction;
  };
}

/** A Dockerfile's stages and comments, as dockerfile-ast keeps them (private fields there). */
interface Organizable {
  getComments(): Comment[];
  initialInstructions: ImageTemplate;
  buildStages: ImageTemplate[];
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);
const inside = (p: Position, r: Range) => !before(p, r.start) && !before(r.end, p);

/**
 * dockerfile-ast's organizeComments gives each comment to the initial instructions or to every stage
 * whose range holds it, testing every comment against every stage (and building each stage's range
 * anew for each test): quadratic, 28 % of an edit at 10k lines. The stages follow each other without
 * overlapping, so a binary search finds the one stage; when they do not (never seen), false: the
 * caller runs the original.
 */
function organizeInOnePass(dockerfile: Organizable): boolean {
  const stages = dockerfile.buildStages;
  const ranges: Range[] = [];
  for (const stage of stages) {
    const range = stage.getRange();
    if (!range || (ranges.length > 0 && !before(ranges[ranges.length - 1].end, range.start))) return false;
    ranges.push(range);
  }
  const initial = dockerfile.initialInstructions.getRange();
  if (!initial) return false;
  for (const comment of dockerfile.getComments()) {
    const range = comment.getRange();
    if (inside(range.end, initial)) {
      dockerfile.initialInstructions.addComment(comment);
      continue;
    }
    let low = 0;
    let high = ranges.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (before(range.start, ranges[mid].start)) high = mid - 1;
      else low = mid;
    }
    if (ranges.length > 0 && inside(range.start, ranges[low])) stages[low].addComment(comment);
  }
  return true;
}

patchDockerfileAst();

/**
 * dockerfile-ast's parse of `text`. With `previous` (the parse of an earlier version of the same
 * document), the instructions an edit left as they were are the previous ones.
 */
export function parseDockerfile(text: string, previous?: Dockerfile): Dockerfile {
  const spans: Spans = new Map();
  building = { spans, previous: (previous as (Dockerfile & { [SPANS]?: Spans }) | undefined)?.[SPANS] };
  let dockerfile: Dockerfile;
  try {
    dockerfile = DockerfileParser.parse(text);
  } finally {
    building = undefined;
  }
  for (const instruction of dockerfile.getInstructions()) (instruction as unknown as Built)[OURS] = true;
  (dockerfile as Dockerfile & { [SPANS]?: Spans })[SPANS] = spans;
  return dockerfile;
}
