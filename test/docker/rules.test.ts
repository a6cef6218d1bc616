/**
 * Each rule that mirrors BuildKit behaviour, checked against the real engine (dockerd 20.10,
 * DOCKER_BUILDKIT=1, see harness.ts): on a Dockerfile where our rule fires, the engine fails or
 * misbehaves as the rule says; on the good counterpart, the engine builds and our rule is silent.
 *
 * Run: node scripts/run-node-tests.mjs test/docker
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BASE, engineSkipReason, useEngine, type BuildResult, type Engine } from './harness';
import { computeDiagnostics } from '../../server/src/service/diagnostics';
import { buildModel } from '../../server/src/service/model';
import { withDefaults } from '../../server/src/protocol';

const suite = useEngine();
const TEST_TIMEOUT = 120_000;
const df = (...lines: string[]): string => lines.join('\n') + '\n';

/** Our findings of one rule, as `line:severity`. */
function findings(ruleId: string, text: string, target = ''): string[] {
  const model = buildModel(text, 'file:///ctx/Dockerfile', 1);
  return computeDiagnostics({ model, settings: withDefaults({ target }), files: {} })
    .filter((d) => d.code === ruleId)
    .map((d) => `${d.range.start.line}:${d.severity}`);
}

function ok(r: BuildResult): BuildResult {
  assert.equal(r.code, 0, `expected the build to succeed:\n$ docker ${r.argv.join(' ')}\n${r.output}`);
  return r;
}

function fails(r: BuildResult, pattern: RegExp): BuildResult {
  assert.notEqual(r.code, 0, `expected the build to fail:\n${r.output}`);
  assert.equal(r.timedOut, false, 'build timed out instead of failing');
  assert.match(r.output, pattern);
  return r;
}

async function file(r: BuildResult, rel: string): Promise<string> {
  assert.ok(r.outDir, 'build was not exported');
  return (await readFile(path.join(r.outDir, rel), 'utf8')).trim();
}

function fact(name: string, fn: (e: Engine, t: TestContext) => Promise<void>): void {
  it(name, { timeout: TEST_TIMEOUT }, async (t) => {
    const e = suite.get(t);
    if (!e) return;
    await fn(e, t);
  });
}

describe('rules that mirror BuildKit, against the engine', { skip: engineSkipReason(), timeout: 600_000 }, () => {
  fact('stage-order: a stage using itself fails; a later stage\'s files are not seen; in order it builds', async (e) => {
    const self = df(`FROM ${BASE} AS self`, 'RUN echo s > /s', 'COPY --from=self /s /t');
    assert.deepEqual(findings('stage-order', self), ['2:1']);
    fails(await e.build(self), /circular dependency detected on stage: self/);

    const later = df(`FROM ${BASE} AS first`, 'COPY --from=later /l.txt /l.txt', `FROM ${BASE} AS later`, 'RUN echo later > /l.txt');
    assert.deepEqual(findings('stage-order', later), ['1:1']);
    fails(await e.build(later, { target: 'first' }), /l\.txt: no such file or directory/);

    const good = df(`FROM ${BASE} AS later`, 'RUN echo later > /l.txt', `FROM ${BASE} AS first`, 'COPY --from=later /l.txt /l.txt');
    assert.deepEqual(findings('stage-order', good), []);
    const r = ok(await e.build(good, { exportFs: true }));
    assert.equal(await file(r, 'l.txt'), 'later');
  });

  fact('stage-order: FROM <later stage> pulls an image instead', async (e) => {
    const text = df('FROM later AS first', 'RUN true', `FROM ${BASE} AS later`);
    assert.deepEqual(findings('stage-order', text), ['0:1']);
    fails(await e.build(text, { target: 'first' }), /docker\.io\/library\/later/);
  });

  fact('stage-name-casing: FROM <Stage> with capitals fails on this engine; lowercase builds', async (e) => {
    const bad = df(`FROM ${BASE} AS builder`, 'RUN echo b > /b', 'FROM Builder', 'RUN cat /b');
    assert.deepEqual(findings('stage-name-casing', bad), ['2:2']);
    fails(await e.build(bad), /failed to parse stage name "Builder": invalid reference format: repository name must be lowercase/);
    const good = bad.replace('FROM Builder', 'FROM builder');
    assert.deepEqual(findings('stage-name-casing', good), []);
    ok(await e.build(good));
  });

  fact('stage-index-out-of-range: --from=N past the last stage fails; a valid index builds', async (e) => {
    const bad = df(`FROM ${BASE}`, 'RUN echo zero > /z', 'FROM scratch', 'COPY --from=5 /z /z');
    assert.deepEqual(findings('stage-index-out-of-range', bad), ['3:1']);
    fails(await e.build(bad), /invalid stage index 5/);
    const good = bad.replace('--from=5', '--from=0');
    assert.deepEqual(findings('stage-index-out-of-range', good), []);
    ok(await e.build(good));
  });

  fact('global-arg-not-redeclared: the global ARG is empty until redeclared (or inherited from a parent stage)', async (e) => {
    const bad = df('ARG NAME=global-default', `FROM ${BASE}`, 'RUN test -n "$NAME"');
    assert.deepEqual(findings('global-arg-not-redeclared', bad), ['2:2']);
    fails(await e.build(bad), /test -n "\$NAME"|returned a non-zero code|exit code: 1/);

    const redeclared = df('ARG NAME=global-default', `FROM ${BASE}`, 'ARG NAME', 'RUN test "$NAME" = global-default');
    assert.deepEqual(findings('global-arg-not-redeclared', redeclared), []);
    ok(await e.build(redeclared));

    const inherited = df('ARG NAME=global-default', `FROM ${BASE} AS parent`, 'ARG NAME', 'FROM parent', 'RUN test "$NAME" = global-default');
    assert.deepEqual(findings('global-arg-not-redeclared', inherited), []);
    ok(await e.build(inherited));

    const platform = df(`FROM ${BASE}`, 'RUN test -n "$TARGETARCH"');
    assert.deepEqual(findings('global-arg-not-redeclared', platform), ['1:2']);
    fails(await e.build(platform), /returned a non-zero code|exit code: 1/);
    const platformDeclared = df(`FROM ${BASE}`, 'ARG TARGETARCH', 'RUN test -n "$TARGETARCH"');
    assert.deepEqual(findings('global-arg-not-redeclared', platformDeclared), []);
    ok(await e.build(platformDeclared));
  });

  fact('undefined-arg-in-from: an undeclared FROM variable expands to nothing', async (e) => {
    const bad = df('FROM ${BASE_IMAGE}', 'RUN true');
    assert.deepEqual(findings('undefined-arg-in-from', bad), ['0:2']);
    fails(await e.build(bad), /base name .* should not be blank|invalid reference format/);
    const good = df(`ARG BASE_IMAGE=${BASE}`, 'FROM ${BASE_IMAGE}', 'RUN true');
    assert.deepEqual(findings('undefined-arg-in-from', good), []);
    ok(await e.build(good));
  });

  fact('variable-in-from-flag: $VAR in --from is read literally and fails; FROM ${VAR} AS alias works', async (e) => {
    const bad = df(`FROM ${BASE} AS builder`, 'RUN echo b > /b', `FROM ${BASE}`, 'ARG SRC=builder', 'COPY --from=$SRC /b /b');
    assert.deepEqual(findings('variable-in-from-flag', bad), ['4:1']);
    fails(await e.build(bad), /failed to parse stage name "\$SRC": invalid reference format/);
    const good = df('ARG SRC=builder', `FROM ${BASE} AS builder`, 'RUN echo b > /b', 'FROM ${SRC} AS source', `FROM ${BASE}`, 'COPY --from=source /b /b');
    assert.deepEqual(findings('variable-in-from-flag', good), []);
    ok(await e.build(good));
  });

  fact('unknown-stage: a mistyped --from is pulled as an image; the right name builds', async (e) => {
    const bad = df(`FROM ${BASE} AS builder`, 'RUN echo b > /b', 'FROM scratch', 'COPY --from=biulder /b /b');
    assert.deepEqual(findings('unknown-stage', bad), ['3:2']);
    fails(await e.build(bad), /docker\.io\/library\/biulder/);
    const good = bad.replace('biulder', 'builder');
    assert.deepEqual(findings('unknown-stage', good), []);
    ok(await e.build(good));
  });

  fact('invalid-stage-name: rejected before the build; a valid name builds', async (e) => {
    const bad = df(`FROM ${BASE} AS 2-build`, 'RUN true');
    assert.deepEqual(findings('invalid-stage-name', bad), ['0:1']);
    fails(await e.build(bad), /invalid name for build stage: "2-build"/);
    const good = df(`FROM ${BASE} AS build`, 'RUN true');
    assert.deepEqual(findings('invalid-stage-name', good), []);
    ok(await e.build(good));
  });

  fact('duplicate-stage-name: accepted, but the last stage of the name silently wins', async (e) => {
    const bad = df(`FROM ${BASE} AS app`, 'RUN echo first > /which', `FROM ${BASE} AS App`, 'RUN echo second > /which', 'FROM scratch', 'COPY --from=app /which /which');
    assert.deepEqual(findings('duplicate-stage-name', bad), ['2:2'], 'a warning on the later declaration only: the build succeeds');
    const r = ok(await e.build(bad, { exportFs: true }));
    assert.equal(await file(r, 'which'), 'second', 'the first "app" is unreachable by name');
    const good = bad.replace('AS App', 'AS app-2');
    assert.deepEqual(findings('duplicate-stage-name', good), []);
    const g = ok(await e.build(good, { exportFs: true }));
    assert.equal(await file(g, 'which'), 'first');
  });

  fact('parse failures: blank base, ARG without default in FROM, an instruction before FROM, an unknown flag fail; an empty COPY --from= builds', async (e) => {
    const blank = df('FROM "" AS foo', 'RUN true');
    assert.deepEqual(findings('invalid-default-arg-in-from', blank), ['0:1']);
    fails(await e.build(blank), /base name .*should not be blank|invalid reference format|failed/i);
    const noDefault = df('ARG IMAGE', 'FROM $IMAGE', 'RUN true');
    assert.deepEqual(findings('invalid-default-arg-in-from', noDefault), ['1:1']);
    fails(await e.build(noDefault), /blank|invalid reference format|failed/i);
    const tag = df('FROM busybox:$V', 'RUN true');
    assert.deepEqual(findings('invalid-default-arg-in-from', tag), ['0:1']);
    fails(await e.build(tag), /invalid reference format|failed/i);
    const before = df('COPY --from=0 /a /b', `FROM ${BASE}`);
    assert.deepEqual(findings('instruction-before-from', before), ['0:1']);
    fails(await e.build(before), /no build stage|failed/i);
    const flag = df(`FROM ${BASE}`, 'COPY --frm=x /a /b');
    assert.deepEqual(findings('invalid-flag', flag), ['1:1']);
    fails(await e.build(flag), /unknown flag: frm|unknown flag/i);
    const empty = df(`FROM ${BASE}`, 'COPY --from= s.txt /s.txt');
    assert.deepEqual(findings('invalid-flag', empty), []);
    ok(await e.build(empty, { files: { 's.txt': 'x\n' } }));
  });

  fact('reserved-stage-name: AS context shadows the build context for --from=context', async (e) => {
    const bad = df(`FROM ${BASE} AS context`, 'RUN echo stage > /s.txt', 'FROM scratch', 'COPY --from=context /s.txt /s.txt');
    assert.deepEqual(findings('reserved-stage-name', bad), ['0:2']);
    const r = ok(await e.build(bad, { exportFs: true, files: { 's.txt': 'from-build-context\n' } }));
    assert.equal(await file(r, 's.txt'), 'stage');
    const scratch = df('FROM scratch AS scratch', `FROM ${BASE} AS b`, 'RUN echo b > /b', 'FROM scratch', 'COPY --from=b /b /b');
    // BuildKit's lint reports ReservedStageName on `FROM scratch AS scratch` too (as we do), though the build works.
    assert.deepEqual(findings('reserved-stage-name', scratch), ['0:2']);
    ok(await e.build(scratch));
  });

  fact('copy-from-empty-stage: copying from an empty scratch stage fails', async (e) => {
    const bad = df('FROM scratch AS empty', `FROM ${BASE}`, 'COPY --from=empty /x /x');
    assert.deepEqual(findings('copy-from-empty-stage', bad), ['2:2']);
    fails(await e.build(bad), /not found|no such file or directory/);
    const good = df(`FROM ${BASE} AS b`, 'RUN echo x > /x', 'FROM scratch AS out', 'COPY --from=b /x /x', `FROM ${BASE}`, 'COPY --from=out /x /x');
    assert.deepEqual(findings('copy-from-empty-stage', good), []);
    ok(await e.build(good));
  });

  fact('unreachable-stage: stages the target does not need are skipped by BuildKit (and only faded by us)', async (e) => {
    const text = df(`FROM ${BASE} AS dep`, 'RUN echo dep > /dep', `FROM ${BASE} AS broken`, 'RUN exit 7', `FROM ${BASE} AS final`, 'COPY --from=dep /dep /dep');
    assert.deepEqual(findings('unreachable-stage', text), ['2:4']);
    const r = ok(await e.build(text));
    assert.doesNotMatch(r.output, /exit 7/);
    assert.deepEqual(findings('unreachable-stage', text, 'broken'), ['0:4', '4:4']);
    fails(await e.build(text, { target: 'broken' }), /exit code: 7|returned a non-zero code: 7/);
  });
});
