/**
 * Every saved fuzz failure in test-fixtures/regressions/ (<id>.txt: the Dockerfile as it failed;
 * <id>.json: where it was asked, how it was found) replayed against every invariant, with every slow
 * check on and at every anchor (stage names, references), so a fixed bug stays fixed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGRESSIONS } from './fuzzRun';
import { checkText } from './invariants';

interface Meta {
  found?: string;
  error?: string;
  offsets?: number[];
  newName?: string;
  target?: string;
  /** A known, reported bug not fixed yet: the case runs as a `todo` test until it is. */
  todo?: string;
}

const cases = existsSync(REGRESSIONS) ? readdirSync(REGRESSIONS).filter((f) => f.endsWith('.txt')).sort() : [];

test('there are saved regression cases', () => {
  assert.ok(cases.length > 0, `no *.txt in ${REGRESSIONS}`);
});

for (const file of cases) {
  const metaFile = join(REGRESSIONS, file.replace(/\.txt$/, '.json'));
  const meta: Meta = existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, 'utf8')) as Meta) : {};
  test(`regression ${file}${meta.error ? `: ${meta.error}` : ''}`, { todo: meta.todo }, async () => {
    const text = readFileSync(join(REGRESSIONS, file), 'utf8');
    await checkText(
      text,
      { offsets: meta.offsets ?? [0], newName: meta.newName ?? 'renamed', target: meta.target ?? '', base: true, basePositions: 1000, actionPositions: 1000 },
      1000,
    );
  });
}
