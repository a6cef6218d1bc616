import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertValidSarif, buildBundles, runCli as run } from '../cliHelpers';
import { CROSSFILE } from './support';

before(buildBundles);

/** A copy of the shop project with `target: worker` mistyped in compose.yaml. */
function shopWithTypo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dfs-crossfile-'));
  cpSync(join(CROSSFILE, 'shop'), dir, { recursive: true });
  const compose = join(dir, 'compose.yaml');
  writeFileSync(compose, readFileSync(compose, 'utf8').replace('target: worker', 'target: wroker'));
  return dir;
}

const TYPO_LINE = 20;
const TYPO_COLUMN = 15;

test('check on the clean shop project: nothing, and the stages built as targets elsewhere are not reported unused', () => {
  const r = run(['check', '.', '--format', 'json', '--min-severity', 'hint'], join(CROSSFILE, 'shop'));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), []);
});

test('SARIF: the mistyped target is located in compose.yaml, and the log validates', () => {
  const r = run(['check', '.', '--format', 'sarif'], shopWithTypo());
  assert.equal(r.code, 1, r.stderr);
  const log = JSON.parse(r.stdout) as { runs: any[] };
  assertValidSarif(log);
  const run0 = log.runs[0];
  assert.equal(run0.results.length, 1);
  const [result] = run0.results;
  assert.equal(result.ruleId, 'unknown-build-target');
  assert.equal(run0.tool.driver.rules[result.ruleIndex].id, 'unknown-build-target');
  assert.match(run0.tool.driver.rules[result.ruleIndex].helpUri, /docs\/rules\/unknown-build-target\.md$/);
  assert.deepEqual(result.locations[0].physicalLocation, {
    artifactLocation: { uri: 'compose.yaml', uriBaseId: '%SRCROOT%' },
    region: { startLine: TYPO_LINE, startColumn: TYPO_COLUMN, endLine: TYPO_LINE, endColumn: TYPO_COLUMN + 'wroker'.length },
  });
});

test('text, json and github formats report it in compose.yaml too', () => {
  const dir = shopWithTypo();
  const text = run(['check', '.'], dir);
  assert.equal(text.code, 1);
  assert.match(text.stdout, new RegExp(`^compose\\.yaml:${TYPO_LINE}:${TYPO_COLUMN}: error \\[unknown-build-target\\]`, 'm'));
  const json = JSON.parse(run(['check', '.', '--format', 'json'], dir).stdout);
  const findings = json as { file: string; rule: string; line: number }[];
  assert.deepEqual(findings.map((f) => [f.file, f.rule, f.line]), [['compose.yaml', 'unknown-build-target', TYPO_LINE]]);
  const github = run(['check', '.', '--format', 'github'], dir);
  assert.match(github.stdout, new RegExp(`^::error file=compose\\.yaml,line=${TYPO_LINE},col=${TYPO_COLUMN},.*title=unknown-build-target::`, 'm'));
});

test('--rule unknown-build-target=off silences it; a compose file alone can be checked', () => {
  const dir = shopWithTypo();
  assert.equal(run(['check', '.', '--rule', 'unknown-build-target=off'], dir).code, 0);
  const single = run(['check', 'compose.yaml'], dir);
  assert.equal(single.code, 1);
  assert.match(single.stdout, /unknown-build-target/);
});
