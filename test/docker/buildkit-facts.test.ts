/**
 * The BuildKit facts our stage analysis relies on, checked against a real engine:
 * dockerd 20.10 (Debian bookworm docker.io) with DOCKER_BUILDKIT=1, i.e. the BuildKit v0.8
 * Dockerfile frontend vendored into dockerd ("dockerfile.v0"). Every build runs with
 * --network=none and only uses the local image `stages-test/busybox` and `scratch`.
 *
 * Where the engine disagrees with what we assumed, the test asserts what the engine does and
 * says so in a comment starting with "DIFFERS".
 *
 * Run: node --import tsx --test test/docker/*.test.ts
 * (On Node 20, `--test test/docker/` with a directory finds no .ts files and runs 0 tests.)
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { BASE, engineSkipReason, useEngine, type BuildResult, type Engine, type EngineHandle } from './harness';

const TEST_TIMEOUT = 90_000;
let suite: EngineHandle;

/** A build that must succeed; shows the build log when it does not. */
function ok(r: BuildResult): BuildResult {
  assert.equal(r.code, 0, `expected the build to succeed:\n$ docker ${r.argv.join(' ')}\n${r.output}`);
  return r;
}

/** A build that must fail with a message matching `pattern`. */
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

async function exists(r: BuildResult, rel: string): Promise<boolean> {
  assert.ok(r.outDir, 'build was not exported');
  return readFile(path.join(r.outDir, rel)).then(() => true, () => false);
}

/** Lines like `#5 [builder 2/2] RUN …` name the stage a step belongs to. */
function stepLabels(r: BuildResult): string[] {
  return [...r.output.matchAll(/^#\d+ \[([^\]]+?) \d+\/\d+\]/gm)].map((m) => m[1]!);
}

/** A test that needs the engine; skipped (outside CI) when there is none. */
function fact(name: string, fn: (e: Engine, t: TestContext) => Promise<void>): void {
  it(name, { timeout: TEST_TIMEOUT }, async (t) => {
    const e = suite.get(t);
    if (!e) return;
    await fn(e, t);
  });
}

/** What RUN steps printed (BuildKit plain progress: `#7 0.123 text`). */
function printed(r: BuildResult): string[] {
  return [...r.output.matchAll(/^#\d+ \d+\.\d+ (.*)$/gm)].map((m) => m[1]!.trim());
}

/** A missing source file: the wording depends on whether the source is cached. */
const missing = (name: string): RegExp => new RegExp(`${name.replace(/[.]/g, '\\.')}(: no such file or directory|" not found)`);

const df = (...lines: string[]): string => lines.join('\n') + '\n';

describe('BuildKit facts (dockerd 20.10, DOCKER_BUILDKIT=1)', { skip: engineSkipReason(), timeout: 280_000 }, () => {
  suite = useEngine();

  fact('uses the local base image without a registry; --pull would need one', async (e, t) => {
    t.diagnostic(`engine ${e.serverVersion}: start ${e.timings.startMs} ms, base image import ${e.timings.importMs} ms`);
    const r = ok(await e.build(df(`FROM ${BASE}`, 'RUN test -x /bin/sh && echo base-ok')));
    assert.match(r.output, /load metadata for docker\.io\/stages-test\/busybox:latest/);
    assert.deepEqual(printed(r), ['base-ok']);
    // `--pull` forces a registry lookup, which cannot work offline.
    fails(await e.build(df(`FROM ${BASE}`, 'RUN true'), { extraArgs: ['--pull'] }), /registry-1\.docker\.io|dial tcp|lookup/);
  });

  describe('stage names and case', () => {
    fact('AS Builder is stored lowercase, silently; COPY --from=builder finds it', async (e) => {
      const r = ok(await e.build(df(
        `FROM ${BASE} AS Builder`,
        'RUN echo built > /b.txt',
        'FROM scratch',
        'COPY --from=builder /b.txt /b.txt',
      ), { exportFs: true }));
      assert.equal(await file(r, 'b.txt'), 'built');
      assert.ok(stepLabels(r).includes('builder'), `steps: ${stepLabels(r).join(', ')}`);
      assert.ok(!stepLabels(r).includes('Builder'));
      // This engine prints no warning about the casing (BuildKit >= 0.14 warns StageNameCasing).
      assert.doesNotMatch(r.output, /warn/i);
    });

    fact('COPY --from, RUN --mount from= and --target match stage names case-insensitively', async (e) => {
      const r = ok(await e.build(df(
        `FROM ${BASE} AS builder`,
        'RUN echo built > /b.txt',
        'FROM scratch AS Final',
        'COPY --from=BUILDER /b.txt /b.txt',
        `FROM ${BASE} AS other`,
        'RUN false',
      ), { target: 'FINAL', exportFs: true }));
      assert.equal(await file(r, 'b.txt'), 'built');
      const m = ok(await e.build(df(
        `FROM ${BASE} AS builder`,
        'RUN echo built > /b.txt',
        `FROM ${BASE} AS mounter`,
        'RUN --mount=from=BuIlDeR,target=/m cp /m/b.txt /mounted.txt',
        'FROM scratch',
        'COPY --from=mounter /mounted.txt /mounted.txt',
      ), { exportFs: true }));
      assert.equal(await file(m, 'mounted.txt'), 'built');
    });

    fact('FROM <stage> is NOT case-insensitive: FROM Builder never finds `AS Builder`', async (e) => {
      // DIFFERS from "stage names resolve case-insensitively": the FROM lookup is an exact match
      // against the lowercased stage name, so a FROM with capitals is parsed as an image
      // reference and rejected (image names must be lowercase). Only an all-lowercase FROM
      // finds the stage.
      fails(await e.build(df(
        `FROM ${BASE} AS Builder`,
        'RUN echo built > /b.txt',
        'FROM Builder',
        'RUN cat /b.txt',
      )), /failed to parse stage name "Builder": invalid reference format: repository name must be lowercase/);
      fails(await e.build(df(
        `FROM ${BASE} AS builder`,
        'FROM BUILDER',
      )), /failed to parse stage name "BUILDER"/);
      const r = ok(await e.build(df(
        `FROM ${BASE} AS Builder`,
        'RUN echo built > /b.txt',
        'FROM builder',
        'RUN cp /b.txt /c.txt',
      ), { exportFs: true }));
      assert.equal(await file(r, 'c.txt'), 'built');
    });

    fact('invalid stage names are rejected at parse time', async (e) => {
      fails(await e.build(df(`FROM ${BASE} AS 1abc`)), /invalid name for build stage: "1abc", name can't start with a number or contain symbols/);
      fails(await e.build(df(`FROM ${BASE} AS 0`)), /invalid name for build stage: "0"/);
    });
  });

  describe('--from=<index>', () => {
    fact('COPY --from=0 is the 0-th FROM (named or not)', async (e) => {
      const r = ok(await e.build(df(
        `FROM ${BASE} AS named`,
        'RUN echo zero > /z.txt',
        `FROM ${BASE}`,
        'RUN echo one > /z.txt',
        'FROM scratch',
        'COPY --from=0 /z.txt /zero.txt',
        'COPY --from=1 /z.txt /one.txt',
      ), { exportFs: true }));
      assert.equal(await file(r, 'zero.txt'), 'zero');
      assert.equal(await file(r, 'one.txt'), 'one');
    });

    fact('an index past the last stage or negative fails; the own index is a cycle', async (e) => {
      const two = (from: string): string => df(`FROM ${BASE}`, 'RUN echo zero > /z.txt', 'FROM scratch', `COPY --from=${from} /z.txt /z.txt`);
      fails(await e.build(two('5')), /failed to create LLB definition: invalid stage index 5/);
      fails(await e.build(two('2')), /invalid stage index 2/);
      fails(await e.build(two('-1')), /invalid stage index -1/);
      fails(await e.build(two('1')), /circular dependency detected on stage: stage-1/);
    });
  });

  describe('references to the current or a later stage', () => {
    // DIFFERS from "a --from value that is no earlier stage is an image": in this engine a
    // COPY --from / RUN --mount from= naming a LATER stage (by name or index) is resolved to
    // that stage, not to an image, and nothing is pulled. But stages are converted in file
    // order, so what the reference sees is the later stage's state *before its own
    // instructions*: its FROM image's filesystem, or an empty filesystem when the later
    // stage's FROM is itself a stage. Files made by the later stage's RUN/COPY are missing.
    // Only FROM <later> is treated as an image (and fails offline).
    const later = (ref: string): string => df(
      `FROM ${BASE} AS first`,
      `COPY --from=${ref} /bin/busybox /from-later-base`,
      `COPY --from=${ref} /l.txt /l.txt`,
      `FROM ${BASE} AS later`,
      'RUN echo later > /l.txt',
    );

    fact('COPY --from=<later name> sees only the later stage\'s base image, no registry lookup', async (e) => {
      // the base image's files are there …
      const base = ok(await e.build(df(
        `FROM ${BASE} AS first`,
        'COPY --from=later /bin/busybox /from-later-base',
        'FROM scratch AS out',
        'COPY --from=first /from-later-base /x',
        `FROM ${BASE} AS later`,
        'RUN echo later > /l.txt',
      ), { target: 'out', exportFs: true }));
      assert.ok(await exists(base, 'x'));
      assert.doesNotMatch(base.output, /docker\.io\/library\/later/);
      // … the later stage's own work is not
      const r = fails(await e.build(later('later'), { target: 'first' }), missing('/l.txt'));
      assert.doesNotMatch(r.output, /docker\.io\/library\/later/);
    });

    fact('COPY --from=<later index> behaves the same', async (e) => {
      fails(await e.build(later('1'), { target: 'first' }), missing('/l.txt'));
      const r = ok(await e.build(df(
        `FROM ${BASE} AS first`,
        'COPY --from=1 /bin/busybox /from-later-base',
        `FROM ${BASE} AS later`,
        'RUN echo later > /l.txt',
      ), { target: 'first', exportFs: true }));
      assert.ok(await exists(r, 'from-later-base'));
    });

    fact('a later stage whose FROM is a stage is seen as an empty filesystem', async (e) => {
      fails(await e.build(df(
        `FROM ${BASE} AS base`,
        'RUN echo base > /base.txt',
        `FROM ${BASE} AS first`,
        'COPY --from=later /base.txt /base.txt',
        'FROM base AS later',
        'RUN echo later > /l.txt',
      ), { target: 'first' }), missing('/base.txt'));
    });

    fact('RUN --mount=from=<later> also sees only the later stage\'s base image', async (e) => {
      const r = ok(await e.build(df(
        `FROM ${BASE} AS first`,
        'RUN --mount=from=later,target=/m sh -c \'test -f /m/bin/busybox && echo HAS_BASE; test -f /m/l.txt && echo HAS_L || echo NO_L\'',
        `FROM ${BASE} AS later`,
        'RUN echo later > /l.txt',
      ), { target: 'first' }));
      assert.deepEqual(printed(r), ['HAS_BASE', 'NO_L']);
    });

    fact('a reference to the current stage (by name or index) is a cycle error', async (e) => {
      fails(await e.build(df(
        `FROM ${BASE} AS self`,
        'RUN echo s > /s.txt',
        'COPY --from=self /s.txt /t.txt',
      )), /circular dependency detected on stage: self/);
      fails(await e.build(df(
        `FROM ${BASE} AS self`,
        'RUN --mount=from=self,target=/m true',
      )), /circular dependency detected on stage: self/);
      fails(await e.build(df(`FROM ${BASE}`, 'COPY --from=0 /bin/busybox /x')), /circular dependency detected on stage/);
    });

    fact('FROM <later stage> is an image reference (registry lookup, fails offline)', async (e) => {
      fails(await e.build(df(
        'FROM later AS first',
        'RUN true',
        `FROM ${BASE} AS later`,
        'RUN echo later > /l.txt',
      ), { target: 'first' }), /load metadata for docker\.io\/library\/later:latest/);
    });

    fact('legacy builder: COPY --from=<later> is an image (registry lookup)', async (e) => {
      fails(await e.build(df(
        `FROM ${BASE} AS first`,
        'COPY --from=later /bin/busybox /x',
        `FROM ${BASE} AS later`,
        'RUN echo later > /l.txt',
      ), { target: 'first', legacy: true }), /invalid from flag value later/);
    });
  });

  describe('variables in --from', () => {
    fact('COPY --from=$VAR is not expanded: the literal text is parsed as an image name', async (e) => {
      fails(await e.build(df(
        `FROM ${BASE} AS builder`,
        'RUN echo built > /b.txt',
        `FROM ${BASE}`,
        'ARG VAR=builder',
        'COPY --from=$VAR /b.txt /b.txt',
      )), /failed to parse stage name "\$VAR": invalid reference format/);
      // a global ARG redeclared in the stage, braces, and --build-arg change nothing
      fails(await e.build(df(
        'ARG VAR=builder',
        `FROM ${BASE} AS builder`,
        'RUN echo built > /b.txt',
        `FROM ${BASE}`,
        'ARG VAR',
        'COPY --from=${VAR} /b.txt /b.txt',
      ), { buildArgs: { VAR: 'builder' } }), /failed to parse stage name "\$\{VAR\}"/);
    });

    fact('RUN --mount=…,from=$VAR is not expanded either', async (e) => {
      fails(await e.build(df(
        `FROM ${BASE} AS builder`,
        'RUN echo built > /b.txt',
        `FROM ${BASE}`,
        'ARG VAR=builder',
        'RUN --mount=type=bind,from=$VAR,target=/m cat /m/b.txt',
      )), /failed to parse stage name "\$VAR"/);
    });
  });

  describe('ARG and ENV scoping', () => {
    fact('a global ARG is empty in a stage until the stage redeclares it, then has its default', async (e) => {
      const dockerfile = df(
        'ARG NAME=global-default',
        `FROM ${BASE} AS a`,
        'RUN echo "[$NAME]" > /without.txt',
        'ARG NAME',
        'RUN echo "[$NAME]" > /with.txt',
        'FROM scratch',
        'COPY --from=a /without.txt /with.txt /',
      );
      const r = ok(await e.build(dockerfile, { exportFs: true }));
      assert.equal(await file(r, 'without.txt'), '[]');
      assert.equal(await file(r, 'with.txt'), '[global-default]');
      // --build-arg overrides the default, still only where the ARG is declared
      const o = ok(await e.build(dockerfile, { exportFs: true, buildArgs: { NAME: 'from-cli' } }));
      assert.equal(await file(o, 'without.txt'), '[]');
      assert.equal(await file(o, 'with.txt'), '[from-cli]');
    });

    fact('FROM parent inherits ENV and — unlike the legacy builder — ARG', async (e) => {
      // DIFFERS from "ARG declared in the parent stage is NOT inherited": BuildKit copies the
      // parent stage's ARGs (with their values) into a stage that says FROM parent, even with no
      // RUN in between. The legacy builder does not (checked below).
      const dockerfile = df(
        `FROM ${BASE} AS parent`,
        'ENV PENV=from-parent-env',
        'ARG PARG=from-parent-arg',
        'FROM parent AS child',
        'ENV EXPANDED="[${PARG}]"',
        'RUN echo "[$PENV]" > /child-env.txt && echo "[$PARG]" > /child-arg.txt && echo "env=[$PENV] arg=[$PARG] expanded=$EXPANDED"',
      );
      const r = ok(await e.build(dockerfile + df('FROM scratch', 'COPY --from=child /child-env.txt /child-arg.txt /'), { exportFs: true }));
      assert.equal(await file(r, 'child-env.txt'), '[from-parent-env]');
      assert.equal(await file(r, 'child-arg.txt'), '[from-parent-arg]');
      const legacy = ok(await e.build(dockerfile, { legacy: true }));
      assert.match(legacy.output, /env=\[from-parent-env\] arg=\[\] expanded=\[\]/);
    });

    fact('FROM ${VAR} with a global ARG selects that stage (and --build-arg can switch it)', async (e) => {
      const dockerfile = df(
        'ARG VAR=stage-b',
        `FROM ${BASE} AS stage-a`,
        'RUN echo a > /which.txt',
        `FROM ${BASE} AS stage-b`,
        'RUN echo b > /which.txt',
        'FROM ${VAR} AS final',
        'RUN cp /which.txt /final.txt',
      );
      const r = ok(await e.build(dockerfile, { exportFs: true }));
      assert.equal(await file(r, 'final.txt'), 'b');
      assert.ok(!stepLabels(r).includes('stage-a'), 'unused stage-a must not be built');
      const a = ok(await e.build(dockerfile, { exportFs: true, buildArgs: { VAR: 'stage-a' } }));
      assert.equal(await file(a, 'final.txt'), 'a');
    });
  });

  describe('--target', () => {
    const dockerfile = df(
      `FROM ${BASE} AS dep`,
      'RUN echo dep > /dep.txt',
      `FROM ${BASE} AS broken`,
      'RUN echo BROKEN-STAGE-RAN && exit 7',
      `FROM ${BASE} AS wanted`,
      'COPY --from=dep /dep.txt /dep.txt',
      'RUN cat /dep.txt',
      'FROM wanted AS after',
      'RUN echo AFTER-STAGE-RAN && false',
    );

    fact('BuildKit builds the target and its dependencies only, skipping an unrelated failing stage', async (e) => {
      const r = ok(await e.build(dockerfile, { target: 'wanted', exportFs: true }));
      assert.equal(await file(r, 'dep.txt'), 'dep');
      assert.deepEqual([...new Set(stepLabels(r))].sort(), ['dep', 'wanted']);
      assert.doesNotMatch(r.output, /BROKEN-STAGE-RAN|AFTER-STAGE-RAN/);
    });

    fact('the legacy builder (DOCKER_BUILDKIT=0) runs every stage up to the target and fails', async (e) => {
      const r = fails(await e.build(dockerfile, { target: 'wanted', legacy: true }), /^BROKEN-STAGE-RAN$/m);
      assert.match(r.output, /returned a non-zero code: 7/);
      assert.doesNotMatch(r.output, /AFTER-STAGE-RAN/); // it stops at the target
    });

    fact('an unknown --target fails', async (e) => {
      fails(await e.build(dockerfile, { target: 'nope' }), /target stage nope could not be found/);
    });

    fact('an unnamed stage cannot be a --target (its progress label stage-N is not a name)', async (e) => {
      // A "build this stage" action must not offer --target for unnamed stages (or --target <index>).
      const unnamed = df(`FROM ${BASE}`, 'RUN true', 'FROM scratch');
      fails(await e.build(unnamed, { target: 'stage-0' }), /target stage stage-0 could not be found/);
      fails(await e.build(unnamed, { target: '0' }), /target stage 0 could not be found/);
    });
  });

  describe('duplicate and reserved stage names', () => {
    fact('duplicate names (also differing only in case) are accepted; the LAST one wins everywhere', async (e) => {
      // DIFFERS from "duplicate stage names fail": this engine accepts them silently (BuildKit
      // >= 0.14 only adds a DuplicateStageName lint warning). Every reference resolves to the
      // last stage with that name — even a reference placed between the two definitions,
      // which then sees the later stage before its instructions (see "later stage" above).
      const r = ok(await e.build(df(
        `FROM ${BASE} AS app`,
        'RUN echo first > /which.txt',
        `FROM ${BASE} AS APP`,
        'RUN echo second > /which.txt',
        'FROM scratch',
        'COPY --from=app /which.txt /final.txt',
      ), { exportFs: true }));
      assert.equal(await file(r, 'final.txt'), 'second');
      const f = ok(await e.build(df(
        `FROM ${BASE} AS app`,
        'RUN echo first > /which.txt',
        `FROM ${BASE} AS app`,
        'RUN echo second > /which.txt',
        'FROM app',
        'RUN cp /which.txt /final.txt',
      ), { exportFs: true }));
      assert.equal(await file(f, 'final.txt'), 'second');
      const between = ok(await e.build(df(
        `FROM ${BASE} AS app`,
        'RUN echo first > /which.txt',
        `FROM ${BASE} AS mid`,
        'RUN --mount=from=app,target=/m sh -c \'cat /m/which.txt 2>/dev/null || echo NO-WHICH\' > /mid.txt',
        `FROM ${BASE} AS app`,
        'RUN echo second > /which.txt',
      ), { target: 'mid', exportFs: true }));
      assert.equal(await file(between, 'mid.txt'), 'NO-WHICH');
    });

    fact('`AS scratch` is accepted and then shadows FROM scratch / --from=scratch', async (e) => {
      // DIFFERS from "reserved names fail": accepted silently (BuildKit >= 0.14 only warns
      // ReservedStageName), and the stage takes over the name.
      const r = ok(await e.build(df(
        `FROM ${BASE} AS scratch`,
        'RUN echo stage > /s.txt',
        'FROM scratch',
        'COPY --from=scratch /s.txt /copied.txt',
      ), { exportFs: true }));
      assert.equal(await file(r, 'copied.txt'), 'stage');
      assert.ok(await exists(r, 'bin/busybox'), 'FROM scratch resolved to the stage named scratch');
      ok(await e.build(df(`FROM ${BASE} AS Scratch`, 'RUN true')));
    });

    fact('`AS context` is accepted and --from=context means that stage', async (e) => {
      const r = ok(await e.build(df(
        `FROM ${BASE} AS context`,
        'RUN echo stage > /s.txt',
        'FROM scratch',
        'COPY --from=context /s.txt /copied.txt',
      ), { exportFs: true, files: { 's.txt': 'from-build-context\n' } }));
      assert.equal(await file(r, 'copied.txt'), 'stage');
    });
  });

  describe('parser directives', () => {
    fact('# check=… is ignored by this engine (accepted, no lint output, error=true has no effect)', async (e) => {
      // The check directive and build checks arrived with Dockerfile frontend 1.8 / BuildKit
      // 0.14; this engine neither rejects nor honours it.
      const skip = ok(await e.build(df('# check=skip=StageNameCasing', `FROM ${BASE} AS Builder`, 'RUN true')));
      assert.doesNotMatch(skip.output, /warn|check/i);
      const strict = ok(await e.build(df('# check=error=true', `FROM ${BASE} AS Builder`, `FROM ${BASE} AS builder`, 'RUN true')));
      assert.doesNotMatch(strict.output, /warn/i);
      ok(await e.build(df('# check=skip=all;error=true;bogus', `FROM ${BASE}`, 'RUN true')));
    });

    fact('# syntax=… makes BuildKit pull a frontend image (impossible offline)', async (e) => {
      fails(await e.build(df('# syntax=docker/dockerfile:1', `FROM ${BASE}`, 'RUN true')), /docker\/dockerfile/);
    });
  });
});
