import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileParser } from 'dockerfile-ast';
import { parseDockerfile } from '../src/service/parse';
import { listFixtures, readFixture } from './helpers';
import { parseSignature } from './parseSignature';
import { join } from 'node:path';
import { buildModel } from '../src/service/model';
import * as service from '../src/service';
import { analysisOf } from '../src/service';
import { withDefaults } from '../src/protocol';

const TRICKY = [
  'FROM --platform=$BUILDPLATFORM registry.example.com:5000/team/app:1.2@sha256:abc AS build\nRUN --mount=type=cache,target=/root/.cache,from=build \\\n  make \\\n  # a comment inside\n  install\n',
  '# escape=`\nFROM alpine\nRUN echo a `\n  b\nCOPY --from=0 --chown=1:1 a b /c/\n',
  'FROM alpine\nCOPY <<EOF /x\nhello\nEOF\nRUN <<-A cat\n\tx\nA\nONBUILD COPY --from=build /a /b\nONBUILD RUN <<EOF\nEOF\n',
  'from a as b\nenv A=1 B="x y" C\nARG X Y=2\nLABEL a=b "c d"=e\nHEALTHCHECK --interval=5s CMD [ "curl", "x" ]\nCMD ["a", "b"]\nENTRYPOINT []\nSHELL ["sh", "-c"]\nEXPOSE 80/tcp\n',
  'FROM\nRUN\nCOPY --from=\nFROM "" AS foo\nRUN \\\n\nWORKDIR ${A:-/x}\n',
];

/** The bench's generated Dockerfile (every instruction kind, many stages). */
const generated = async (lines: number): Promise<string> => {
  const { generateDockerfile } = (await import(join(__dirname, '..', '..', 'bench', 'generate.mjs'))) as { generateDockerfile(lines: number): { text: string } };
  return generateDockerfile(lines).text;
};

test('parse: our parse answers every dockerfile-ast question exactly as a plain parse (fixtures, generated, tricky texts)', async () => {
  const texts = [...listFixtures().map((name) => readFixture(name)), ...TRICKY, await generated(300)];
  for (const text of texts) assert.deepEqual(parseSignature(parseDockerfile(text)), parseSignature(DockerfileParser.parse(text)));
});

test('parse: words are tokenized once for our instructions, and from scratch for anyone else’s', () => {
  const text = 'FROM alpine AS a\nRUN --mount=type=cache,target=/c make\n';
  const [ours] = parseDockerfile(text).getInstructions().slice(1);
  assert.equal(ours.getArguments()[0], ours.getArguments()[0]);
  assert.notEqual(ours.getArguments(), ours.getArguments(), 'every caller gets its own array');
  const [, theirs] = DockerfileParser.parse(text).getInstructions();
  assert.notEqual(theirs.getArguments()[0], theirs.getArguments()[0]);
});

const STAGES = 'FROM alpine AS base\nRUN apk add curl\nENV A=1\n\nFROM base AS build\nWORKDIR /src\nCOPY . .\nRUN make \\\n  all\n\nFROM scratch\nCOPY --from=build /src/out /out\nCMD ["/out"]\n';

test('parse: a new version takes over the instructions its edit left as they were, and answers like a fresh parse', () => {
  const previous = parseDockerfile(STAGES);
  const before = previous.getInstructions();
  const text = STAGES.replace('make \\', 'make -j4 \\');
  const next = parseDockerfile(text, previous);
  assert.deepEqual(parseSignature(next), parseSignature(DockerfileParser.parse(text)));
  const after = next.getInstructions();
  const kept = after.filter((i) => before.includes(i)).map((i) => i.toString());
  assert.deepEqual(kept, ['FROM alpine AS base', 'RUN apk add curl', 'ENV A=1', 'FROM base AS build', 'WORKDIR /src', 'COPY . .', 'FROM scratch', 'COPY --from=build /src/out /out', 'CMD ["/out"]']);
  assert.equal(after[6].toString(), 'RUN make -j4 all');
  assert.ok(!before.includes(after[6]));
});

test('parse: lines that moved, a new escape character or a changed line break inside an instruction are parsed again', () => {
  const cases = [
    ['a line inserted above', `# top\n${STAGES}`, 0],
    ['a line removed above', STAGES.replace('ENV A=1\n\n', 'ENV A=1\n'), 3],
    ['a line break typed in the middle', STAGES.replace('COPY . .\n', 'COPY . .\n\n'), 6],
    ['escape directive', `# escape=\`\n${STAGES}`, 0],
    // CRLF: one-line instructions read the same; the RUN continued over two lines does not.
    ['CRLF', STAGES.replace(/\n/g, '\r\n'), 9],
    ['trailing newline removed', STAGES.slice(0, -1), 10],
  ] as const;
  for (const [what, text, keptCount] of cases) {
    const previous = parseDockerfile(STAGES);
    const next = parseDockerfile(text, previous);
    assert.deepEqual(parseSignature(next), parseSignature(DockerfileParser.parse(text)), what);
    const kept = next.getInstructions().filter((i) => previous.getInstructions().includes(i)).length;
    assert.equal(kept, keptCount, what);
  }
});

test('parse: after a line added or removed above, a version built on an analysed one answers and publishes like a fresh analysis', () => {
  const twins = 'FROM alpine AS builder\nONBUILD COPY --from=builder /a /b\nONBUILD COPY --from=builder /a /b\nRUN echo $HOME\nRUN echo $HOME\n';
  const texts = [...listFixtures().map((name) => readFixture(name)), ...TRICKY, STAGES, twins];
  const settings = withDefaults({});
  const published = (model: ReturnType<typeof buildModel>) => service.diagnostics(analysisOf(model), settings, {});
  for (const text of texts) {
    for (const [what, before] of [['a line removed above', `# top\n${text}`], ['a line added above', text.replace(/\n/, '\n\n')]] as const) {
      const prior = buildModel(before, 'file:///w/Dockerfile', 1);
      published(prior); // the rules keep their facts on the instructions a later version takes over
      const next = buildModel(text, 'file:///w/Dockerfile', 2, prior);
      const fresh = buildModel(text, 'file:///w/Dockerfile', 2);
      assert.deepEqual(parseSignature(next.dockerfile), parseSignature(fresh.dockerfile), `${what}: ${text.slice(0, 60)}`);
      assert.deepEqual(published(next), published(fresh), `${what}: ${text.slice(0, 60)}`);
    }
  }
});
