/**
 * fast-check generators for hostile Dockerfiles: real fixtures (and small generated multi-stage files)
 * put through a list of mutations — characters and lines inserted, deleted, duplicated, swapped;
 * random flags and `--mount` options; unicode (astral characters, lone surrogates, BOM, NUL, U+2028);
 * CR / CRLF line endings; tabs; unterminated heredocs and quotes; `# escape=` with odd characters.
 *
 * A case is plain data ({ base, mutations, offsets, newName }), so a counterexample prints and replays.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { FIXTURES, listFixtures } from '../helpers';
import type { CaseQueries } from './invariants';

/** Every fixture text: the top-level and mistakes/ fixtures, and the refactor cases' inputs. */
export function fixtureTexts(): { name: string; text: string }[] {
  const out = listFixtures().map((name) => ({ name, text: readFileSync(join(FIXTURES, name), 'utf8') }));
  const refactors = join(FIXTURES, 'refactors');
  for (const entry of readdirSync(refactors).sort()) {
    const before = join(refactors, entry, 'before.Dockerfile');
    if (statSync(join(refactors, entry)).isDirectory() && statSync(before, { throwIfNoEntry: false })?.isFile()) {
      out.push({ name: `refactors/${entry}/before.Dockerfile`, text: readFileSync(before, 'utf8') });
    }
  }
  return out;
}

/** Fragments that hit the parser's corners. */
export const FRAGMENTS = [
  '\\', '\\\n', '`', '`\n', '\n', '\r', '\r\n', '\t', '\0', '\uFEFF', '\u2028', '\u00a0', ' ',
  '$', '${', '}', '${A:-${B:-x}}', '$(id)', '"', "'", '"unterminated', "'unterminated",
  '[', ']', '["a", "b"]', '[\"', '=', ',', ':', '@sha256:', '/', '#', '# ', '\n#\n',
  '<<', '<<EOF', '<<-EOF', '<<"EOF"', "<<'EOF'", '<<EOF\n', '\nEOF\n', 'EOF',
  '--from=', '--from=0', '--from=1', '--from=99', '--from=$X', '--from=builder',
  '--mount=', '--mount=type=cache,from=', '--mount=from=base,target=/x', ',from=', 'from=',
  '--platform=', '--platform=$BUILDPLATFORM', '--chown=', '--link', '--parents', '--exclude=*',
  ' AS ', ' as ', ' AS builder', 'FROM ', 'FROM\n', 'COPY ', 'RUN ', 'ARG ', 'ENV ', 'ONBUILD ',
  'x', 'Builder', 'scratch', 'context', '0', '-', '--', '.',
  '😀', '\u{10FFFF}', '\uD800', '\uDC00', 'é', 'Ω', '日本', '\u0301', '\u200b',
];

const KEYWORDS = ['FROM', 'RUN', 'COPY', 'ADD', 'ARG', 'ENV', 'WORKDIR', 'CMD', 'ENTRYPOINT', 'USER', 'EXPOSE', 'LABEL', 'ONBUILD', 'HEALTHCHECK', 'SHELL', 'STOPSIGNAL', 'VOLUME', 'MAINTAINER', 'from', 'copy', 'run', 'BOGUS'];
const NAMES = ['base', 'builder', 'Builder', 'deps', 'test', 'runtime', 'b.2', 'a_b', 'x-y', '0', '1', '99', 'scratch', 'context', 'alpine', 'node:20', '$BASE', '${BASE}', '${BASE:-builder}', ''];
const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh', ''];

const name = fc.constantFrom(...NAMES);

const mountOption = fc.oneof(
  fc.constantFrom(...MOUNT_TYPES).map((t) => `type=${t}`),
  name.map((n) => `from=${n}`),
  name.map((n) => `FROM=${n}`),
  fc.constantFrom('target=/x', 'dst=/y', 'destination=/z', 'source=/s', 'src=go.mod', 'id=netrc', 'sharing=locked', 'rw', 'readonly', 'required=true', 'mode=0755', 'uid=0', '=', '', ',,'),
);

const flag = fc.oneof(
  name.map((n) => `--from=${n}`),
  fc.array(mountOption, { maxLength: 5 }).map((o) => `--mount=${o.join(',')}`),
  fc.constantFrom('--chown=1000:1000', '--chmod=755', '--link', '--platform=linux/amd64', '--network=none', '--security=insecure', '--parents', '--exclude=x', '--keep-git-dir', '--checksum=sha256:00', '--', '--=', '--from', '--mount'),
);

/** One line of a Dockerfile: an instruction with random flags and arguments, or a comment/directive. */
export const lineArb: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('FROM', 'from', 'From'), fc.array(flag, { maxLength: 2 }), name, fc.option(fc.tuple(fc.constantFrom('AS', 'as', 'As'), name))).map(
    ([kw, flags, image, as]) => [kw, ...flags, image, ...(as ? as : [])].join(' '),
  ),
  fc.tuple(fc.constantFrom('COPY', 'ADD', 'copy'), fc.array(flag, { maxLength: 3 }), fc.constantFrom('/src', '.', '["/a", "/b"]', 'a b', '<<EOF /x', '')).map(([kw, flags, rest]) => [kw, ...flags, rest, '/dst'].join(' ')),
  fc.tuple(fc.constantFrom('RUN', 'run'), fc.array(flag, { maxLength: 3 }), fc.constantFrom('true', 'make', '<<EOF', '<<-EOT\n\techo\n\tEOT', 'echo "x', "echo 'x", 'a \\', '["sh", "-c"')).map(([kw, flags, rest]) => [kw, ...flags, rest].join(' ')),
  fc.tuple(fc.constantFrom('ARG', 'ENV'), fc.constantFrom('BASE', 'A', 'X', '1BAD', ''), fc.option(name)).map(([kw, n, v]) => (v === null ? `${kw} ${n}` : `${kw} ${n}=${v}`)),
  fc.constantFrom(
    '# escape=`', '# escape=\\', '# escape=x', '# escape=', '# escape= ', '# escape=😀', '# escape=\t', '#escape=$', '# syntax=docker/dockerfile:1',
    '# check=skip=all', '# check=skip=StageNameCasing,FromAsCasing', '# dockerfile-stages ignore=all', '# dockerfile-stages ignore=unknown-stage',
    '#', '', ' ', '\t', 'EOF', 'ONBUILD COPY --from=builder /a /b', 'HEALTHCHECK CMD true', 'SHELL ["/bin/sh", "-c"]',
  ),
  fc.tuple(fc.constantFrom(...KEYWORDS), fc.string({ maxLength: 12 })).map(([kw, rest]) => `${kw} ${rest}`),
);

/** A small multi-stage Dockerfile built from random lines, with a FROM first most of the time. */
export const generatedDockerfileArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(lineArb, { minLength: 1, maxLength: 14 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, eol, trailing]) => lines.join(eol) + (trailing ? eol : ''));

export type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'insertLine'; line: number; text: string }
  | { op: 'deleteLine'; line: number }
  | { op: 'duplicateLine'; line: number; times: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'eol'; eol: '\r\n' | '\r' | '\n' }
  | { op: 'prefix'; text: string }
  | { op: 'truncate'; at: number };

const at = fc.nat({ max: 1_000_000 });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('insert' as const), at, text: fc.constantFrom(...FRAGMENTS) }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('insert' as const), at, text: fc.string({ unit: 'binary', maxLength: 4 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 24 }) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('duplicate' as const), at, length: fc.integer({ min: 1, max: 24 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('insertLine' as const), line: at, text: lineArb }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('deleteLine' as const), line: at }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('duplicateLine' as const), line: at, times: fc.integer({ min: 1, max: 3 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('swapLines' as const), a: at, b: at }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('eol' as const), eol: fc.constantFrom('\r\n' as const, '\r' as const, '\n' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('prefix' as const), text: fc.constantFrom('\uFEFF', '# escape=`\n', '# escape=x\n', '# escape=😀\n', '\n', '\0') }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('truncate' as const), at }), weight: 1 },
);

/** Applies one mutation; positions are taken modulo the current text (or line count). */
export function mutate(text: string, m: Mutation): string {
  const i = (n: number) => n % (text.length + 1);
  const lines = () => text.split('\n');
  switch (m.op) {
    case 'insert':
      return text.slice(0, i(m.at)) + m.text + text.slice(i(m.at));
    case 'delete':
      return text.slice(0, i(m.at)) + text.slice(i(m.at) + m.length);
    case 'duplicate': {
      const chunk = text.slice(i(m.at), i(m.at) + m.length);
      return text.slice(0, i(m.at)) + chunk + chunk + text.slice(i(m.at) + m.length);
    }
    case 'insertLine': {
      const ls = lines();
      ls.splice(m.line % (ls.length + 1), 0, m.text);
      return ls.join('\n');
    }
    case 'deleteLine': {
      const ls = lines();
      ls.splice(m.line % ls.length, 1);
      return ls.join('\n');
    }
    case 'duplicateLine': {
      const ls = lines();
      const n = m.line % ls.length;
      ls.splice(n, 0, ...Array<string>(m.times).fill(ls[n]));
      return ls.join('\n');
    }
    case 'swapLines': {
      const ls = lines();
      const a = m.a % ls.length;
      const b = m.b % ls.length;
      [ls[a], ls[b]] = [ls[b], ls[a]];
      return ls.join('\n');
    }
    case 'eol':
      return text.replace(/\r\n|\r|\n/g, m.eol);
    case 'prefix':
      return m.text + text;
    case 'truncate':
      return text.slice(0, i(m.at));
  }
}

export interface FuzzCase {
  /** A fixture (by index into fixtureTexts()) or a generated Dockerfile. */
  base: { fixture: number } | { generated: string };
  mutations: Mutation[];
  /** Offsets for the position-based features (taken modulo the text length). */
  offsets: number[];
  /** The name renames try: a valid fresh name, or one that may collide with something in the file. */
  newName: string;
  target: string;
  /**
   * The slower checks this case also runs (each re-parses the text several times): dockerfile-language-
   * service's features, the code action round trip, both or neither. Spread over cases so a run stays fast.
   */
  extras: 'none' | 'base' | 'actions' | 'both';
}

export function caseArb(fixtureCount: number): fc.Arbitrary<FuzzCase> {
  return fc.record({
    base: fc.oneof(
      { arbitrary: fc.record({ fixture: fc.nat({ max: fixtureCount - 1 }) }), weight: 3 },
      { arbitrary: fc.record({ generated: generatedDockerfileArb }), weight: 2 },
    ),
    mutations: fc.array(mutationArb, { maxLength: 8 }),
    offsets: fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 3 }),
    newName: fc.oneof(
      fc.stringMatching(/^[a-z][a-z0-9._-]{0,8}$/),
      fc.constantFrom('alpine', 'node', 'golang', 'scratch', 'context', 'Builder', 'base', 'deps', 'build', 'runtime', '0', 'a b', '', '-x', 'ü'),
    ),
    target: fc.constantFrom('', '', 'builder', 'runtime', 'test', 'nope', '0'),
    extras: fc.oneof(
      { arbitrary: fc.constant('none' as const), weight: 5 },
      { arbitrary: fc.constant('base' as const), weight: 2 },
      { arbitrary: fc.constant('actions' as const), weight: 2 },
      { arbitrary: fc.constant('both' as const), weight: 1 },
    ),
  });
}

/** What a case asks of the service (see invariants.ts). */
export function caseQueries(c: FuzzCase): CaseQueries {
  const base = c.extras === 'base' || c.extras === 'both';
  const actions = c.extras === 'actions' || c.extras === 'both';
  return { offsets: c.offsets, newName: c.newName, target: c.target, base, basePositions: 1, actionPositions: actions ? 1 : 0 };
}

/** The text of a case. */
export function caseText(c: FuzzCase, fixtures: { text: string }[]): string {
  let text = 'fixture' in c.base ? fixtures[c.base.fixture % fixtures.length].text : c.base.generated;
  for (const m of c.mutations) text = mutate(text, m);
  return text;
}
