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
const OURS = Symbol('dockerfile-stages.parse');

type Tokenized = Instruction & { [WORDS]?: Argument[]; [OURS]?: true };

/** True while `parseDockerfile` runs: the instructions built then are ours. */
let parsing = false;

function readWordsOnce(): void {
  const proto = Instruction.prototype as unknown as { getRawArguments(this: Tokenized): Argument[] };
  const tokenize = proto.getRawArguments;
  proto.getRawArguments = function (this: Tokenized) {
    let words = this[WORDS];
    if (!words) {
      if (!parsing && !this[OURS]) return tokenize.call(this);
      words = this[WORDS] = tokenize.call(this);
    }
    return words.slice();
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

/** dockerfile-ast's parse of `text`; its instructions tokenize their words once. */
export function parseDockerfile(text: string): Dockerfile {
  parsing = true;
  let dockerfile: Dockerfile;
  try {
    dockerfile = DockerfileParser.parse(text);
  } finally {
    parsing = false;
  }
  for (const instruction of dockerfile.getInstructions()) (instruction as Tokenized)[OURS] = true;
  return dockerfile;
}
