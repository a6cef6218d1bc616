/**
 * The one dockerfile-ast parse of a document version, with each instruction's words tokenized once.
 *
 * dockerfile-ast re-tokenizes an instruction on every `getRawArguments()` / `getArguments()` call
 * (and `getFlags`, `getArgumentsContent`, `getImage`, … go through them), and its own parse calls
 * them several times per instruction: the constructors of RUN, CMD, COPY, … read them, and the
 * heredoc check builds every instruction twice. Measured: 60 % of the parse, and the rules read
 * them again (bench/RESULTS.md). An instruction never changes after the parse (its TextDocument is
 * private to the parse), so for the instructions of this parse the words are tokenized once and
 * every call gets its own array of the same `Argument`s. Instructions parsed elsewhere
 * (dockerfile-language-service, dockerfile-utils in the bench) keep dockerfile-ast as published.
 */
import { DockerfileParser, From, Instruction, type Argument, type Dockerfile } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';

const WORDS = Symbol('dockerfile-stages.words');
const KEYWORD = Symbol('dockerfile-stages.keyword');
const OURS = Symbol('dockerfile-stages.parse');

/** An instruction as dockerfile-ast builds it (its spans are private fields), with what we keep on it. */
interface Tokenized {
  range: Range;
  instructionRange: Range;
  [WORDS]?: Argument[];
  [KEYWORD]?: string;
  [OURS]?: true;
}

/**
 * While `parseDockerfile` runs: the words read so far by the span they were read from. The parse
 * builds each instruction twice (once to look for heredocs, once to keep), over the same span of
 * the same text, so the second one takes the first one's words.
 */
let parsing: Map<string, Argument[]> | undefined;

const spanKey = ({ range, instructionRange }: Tokenized) =>
  `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}:${instructionRange.end.line}:${instructionRange.end.character}`;

function readWordsOnce(): void {
  const proto = Instruction.prototype as unknown as { getRawArguments(this: Tokenized): Argument[]; getKeyword(this: Tokenized): string };
  const tokenize = proto.getRawArguments;
  proto.getRawArguments = function (this: Tokenized) {
    let words = this[WORDS];
    if (!words) {
      if (!parsing) return this[OURS] ? (this[WORDS] = tokenize.call(this)).slice() : tokenize.call(this);
      const key = spanKey(this);
      words = parsing.get(key);
      if (!words) parsing.set(key, (words = tokenize.call(this)));
      this[WORDS] = words;
    }
    return words.slice();
  };
  const keywordOf = proto.getKeyword;
  proto.getKeyword = function (this: Tokenized) {
    return this[KEYWORD] ?? (parsing || this[OURS] ? (this[KEYWORD] = keywordOf.call(this)) : keywordOf.call(this));
  };
  // From's getRegistryRange and getImageNameRange assign to the range getImageRange returns (the
  // first argument's): with the arguments shared, that would move the argument, so ours hand out a copy.
  const fromProto = From.prototype as unknown as { getImageRange(this: Tokenized): Range | null };
  const imageRange = fromProto.getImageRange;
  fromProto.getImageRange = function (this: Tokenized) {
    const range = imageRange.call(this);
    return range && this[WORDS] ? { start: range.start, end: range.end } : range;
  };
}

readWordsOnce();

/** dockerfile-ast's parse of `text`; its instructions tokenize their words (and upper-case their keyword) once. */
export function parseDockerfile(text: string): Dockerfile {
  parsing = new Map();
  let dockerfile: Dockerfile;
  try {
    dockerfile = DockerfileParser.parse(text);
  } finally {
    parsing = undefined;
  }
  for (const instruction of dockerfile.getInstructions()) (instruction as unknown as Tokenized)[OURS] = true;
  return dockerfile;
}
