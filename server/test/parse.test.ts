import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileParser } from 'dockerfile-ast';
import { parseDockerfile } from '../src/service/parse';
import { listFixtures, readFixture } from './helpers';
import { parseSignature } from './parseSignature';
import { join } from 'node:path';

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
