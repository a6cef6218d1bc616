/**
 * "Extract builder stage" on the project cases of test-fixtures/extract/, proven with a real engine
 * (see harness.ts; no registry: every image is made here from the busybox base):
 * - the libc rule matters: a program dynamically linked against glibc (compiled here by the host's
 *   gcc) runs on the runtime image the refactor chose for a glibc builder (a stand-in carrying the
 *   glibc loader and libc, as distroless/base does) and fails on a loader-less one (the alpine:3.20
 *   the refactor used to choose);
 * - the runtime-files case serves its template after the refactor, and does not without the copies;
 * - a config file the code names without its extension (viper's SetConfigName) is copied and read;
 * - a refused case offers the action disabled, with its reason.
 *
 * Run: node scripts/run-node-tests.mjs test/docker
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { buildModel } from '../../server/src/service/model';
import { extractBuilderStage } from '../../server/src/service/refactors/extractBuilderStage';
import { withDefaults } from '../../server/src/protocol';
import { PROJECTS, readProjectCase } from '../../server/test/refactors/goldenCases';
import { applyToText } from '../../server/test/refactors/workspaceEdit';
import { BASE, engineSkipReason, useEngine, type Engine } from './harness';

const suite = useEngine();
const TEST_TIMEOUT = 300_000;

/** The host's glibc loader and libc, as the runtime image of a glibc builder carries them. */
function glibcFiles(binary: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const line of execFileSync('ldd', [binary], { encoding: 'utf8' }).split('\n')) {
    const path = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line)?.[1];
    if (path) out[`glibc${path}`] = readFileSync(realpathSync(path));
  }
  return out;
}

/** A dynamically linked C program, built by the host's gcc. */
function compileHello(dir: string): string {
  writeFileSync(join(dir, 'hello.c'), '#include <stdio.h>\nint main(void) { puts("hello from glibc"); return 0; }\n');
  execFileSync('gcc', ['-O2', '-o', join(dir, 'hello'), join(dir, 'hello.c')]);
  return join(dir, 'hello');
}

/**
 * `go build [-o out] [pkg]`: copies the prebuilt hello.bin (cgo case) or writes a program that prints the
 * files it reads at run time (`reads`); without -o the binary is named after the package, as go does.
 */
const fakeGo = (reads: string) => `#!/bin/sh
set -e
cmd="$1"; shift
case "$cmd" in
  mod) exit 0 ;;
  build)
    out=""; pkg=""
    while [ $# -gt 0 ]; do case "$1" in -o) out="$2"; shift 2 ;; -*) shift ;; *) pkg="$1"; shift ;; esac; done
    [ -n "$out" ] || out="$(basename "$pkg")"
    mkdir -p "$(dirname "$out")"
    if [ -f hello.bin ]; then cp hello.bin "$out"; else printf '#!/bin/sh\\nset -e\\ncat ${reads}\\n' > "$out"; fi
    chmod 755 "$out" ;;
  *) echo "fake go: unsupported $cmd" >&2; exit 2 ;;
esac
`;
const FAKE_GO = fakeGo('templates/index.html static/site.css');

/** The project's files as a build context (every file of the case folder but the test's own). */
function projectContext(dir: string): Record<string, string | Buffer> {
  const root = join(PROJECTS, dir);
  const out: Record<string, string | Buffer> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const full = join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (!/^(expected\.Dockerfile|refusal\.txt|case\.json)$/.test(entry)) out[relative(root, full)] = readFileSync(full);
    }
  };
  walk(root);
  return out;
}

/** The refactor's result on a project case, checked against its expected.Dockerfile. */
function refactored(dir: string): { before: string; after: string } {
  const c = readProjectCase(dir);
  const model = buildModel(c.dockerfile, c.uri, 1);
  const action = extractBuilderStage(model, model.stages.length - 1, withDefaults({}), c.context);
  assert.ok(action?.edit, `the refactor is offered for ${dir}`);
  const after = applyToText(c.uri, c.dockerfile, 1, action.edit);
  assert.equal(after, c.expected);
  return { before: c.dockerfile, after };
}

function ok<T extends { code: number | null; stdout: string; stderr: string }>(r: T, what: string): T {
  assert.equal(r.code, 0, `${what} failed:\n${'output' in r ? (r as unknown as { output: string }).output : r.stdout + r.stderr}`);
  return r;
}

async function image(engine: Engine, tag: string, lines: string[], files: Record<string, string | Buffer> = {}): Promise<void> {
  ok(await engine.build([`FROM ${BASE}`, ...lines].join('\n') + '\n', { tag, files }), `stand-in image ${tag}`);
}

const GO_TOOLCHAIN = ['COPY go /usr/local/go/bin/go', 'RUN chmod 755 /usr/local/go/bin/go', 'ENV PATH=/usr/local/go/bin:/go/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'WORKDIR /go'];

describe('Extract builder stage on project cases, built for real', { skip: engineSkipReason(), timeout: 1_800_000 }, () => {
  it('the libc rule matters: the glibc program runs on the runtime chosen for a glibc builder, and not on a loader-less one', { timeout: TEST_TIMEOUT }, async (t: TestContext) => {
    const engine = suite.get(t);
    if (!engine) return;
    const work = mkdtempSync(join(tmpdir(), 'extract-libc-'));
    t.after(() => rmSync(work, { recursive: true, force: true }));
    const hello = compileHello(work);
    const glibc = glibcFiles(hello);
    // The kernel execs the loader: it must be executable, as in any glibc image.
    const copyGlibc = [...Object.keys(glibc).map((p) => `COPY ${p} ${p.slice('glibc'.length)}`), `RUN chmod 755 ${Object.keys(glibc).map((p) => p.slice('glibc'.length)).join(' ')}`];
    // The builder and the runtime the refactor picks carry glibc (Debian bullseye does); alpine:3.20 here has no glibc loader.
    await image(engine, 'golang:1.21-bullseye', [...copyGlibc, ...GO_TOOLCHAIN], { ...glibc, go: FAKE_GO });
    await image(engine, 'gcr.io/distroless/base-debian11:nonroot', [...copyGlibc, 'USER 65532'], glibc);
    await image(engine, 'alpine:3.20', []);

    const { before, after } = refactored('go-import-c');
    assert.match(after, /^FROM gcr\.io\/distroless\/base-debian11:nonroot$/m, 'cgo on a bullseye builder keeps glibc and the release');
    const files = { ...projectContext('go-import-c'), 'hello.bin': readFileSync(hello) };
    ok(await engine.build(before, { tag: 'extract-libc/before:test', files }), 'building the original');
    ok(await engine.build(after, { tag: 'extract-libc/after:test', files }), 'building the refactored Dockerfile');
    const run = (tag: string) => engine.docker(['run', '--rm', '--network=none', tag], { timeoutMs: 60_000 });
    assert.equal(ok(await run('extract-libc/before:test'), 'running the original').stdout.trim(), 'hello from glibc');
    assert.equal(ok(await run('extract-libc/after:test'), 'running the refactored image').stdout.trim(), 'hello from glibc');

    // What a musl (or loader-less) runtime does to the same binary: it cannot even be executed.
    const onMusl = after.replace(/^FROM gcr\.io\/distroless\/base-debian11:nonroot$/m, 'FROM alpine:3.20');
    ok(await engine.build(onMusl, { tag: 'extract-libc/musl:test', files }), 'building on the loader-less runtime');
    const failed = await run('extract-libc/musl:test');
    t.diagnostic(`on the loader-less runtime: exit ${failed.code}, ${failed.stderr.trim().split('\n').pop()}`);
    assert.notEqual(failed.code, 0, 'the glibc binary does not run without the glibc loader');
    assert.ok(!failed.stdout.includes('hello from glibc'));
  });

  it('the runtime-files case serves its template after the refactor (and not without the copied files)', { timeout: TEST_TIMEOUT }, async (t: TestContext) => {
    const engine = suite.get(t);
    if (!engine) return;
    await image(engine, 'golang:1.22', GO_TOOLCHAIN, { go: FAKE_GO });
    await image(engine, 'gcr.io/distroless/static-debian12:nonroot', ['USER 65532']);
    const { before, after } = refactored('go-pure-templates');
    const files = projectContext('go-pure-templates');
    ok(await engine.build(before, { tag: 'extract-files/before:test', files }), 'building the original');
    ok(await engine.build(after, { tag: 'extract-files/after:test', files }), 'building the refactored Dockerfile');
    const run = (tag: string) => engine.docker(['run', '--rm', '--network=none', tag], { timeoutMs: 60_000 });
    const original = ok(await run('extract-files/before:test'), 'running the original').stdout;
    assert.match(original, /<h1>\{\{\.\}\}<\/h1>/);
    assert.equal(ok(await run('extract-files/after:test'), 'running the refactored image').stdout, original, 'the template and the static file are served as before');

    const withoutFiles = after.split('\n').filter((l) => !/^COPY --from=builder \/app\/(templates|static) /.test(l)).join('\n');
    ok(await engine.build(withoutFiles, { tag: 'extract-files/bare:test', files }), 'building without the runtime files');
    const bare = await run('extract-files/bare:test');
    assert.notEqual(bare.code, 0, 'without templates/ the app cannot serve its page');
  });

  it('a config file found by name without extension (viper) is copied: the app reads it after the refactor, and fails without it', { timeout: TEST_TIMEOUT }, async (t: TestContext) => {
    const engine = suite.get(t);
    if (!engine) return;
    await image(engine, 'golang:1.21-alpine', GO_TOOLCHAIN, { go: fakeGo('settings.yaml ui/dist/index.html') });
    await image(engine, 'alpine:3.20', []);
    const { before, after } = refactored('go-cmd-config-stem');
    const files = projectContext('go-cmd-config-stem');
    ok(await engine.build(before, { tag: 'extract-config/before:test', files }), 'building the original');
    ok(await engine.build(after, { tag: 'extract-config/after:test', files }), 'building the refactored Dockerfile');
    const run = (tag: string) => engine.docker(['run', '--rm', '--network=none', tag], { timeoutMs: 60_000 });
    const original = ok(await run('extract-config/before:test'), 'running the original').stdout;
    assert.match(original, /base_url: "https:\/\/sho\.rt"/);
    assert.equal(ok(await run('extract-config/after:test'), 'running the refactored image').stdout, original, 'settings.yaml and ui/dist are read as before');

    const withoutConfig = after.split('\n').filter((l) => !/^COPY --from=builder \/src\/settings\.yaml /.test(l)).join('\n');
    ok(await engine.build(withoutConfig, { tag: 'extract-config/bare:test', files }), 'building without the config file');
    assert.notEqual((await run('extract-config/bare:test')).code, 0, 'without settings.yaml the app cannot start');
  });

  it('a refused case offers the action disabled with its reason, and no edit', () => {
    const c = readProjectCase('node-ts-nodemon-refused');
    const model = buildModel(c.dockerfile, c.uri, 1);
    const action = extractBuilderStage(model, 0, withDefaults({}), c.context);
    assert.equal(action?.edit, undefined);
    assert.ok(action?.disabled?.reason.includes(c.refusal!), action?.disabled?.reason);
  });
});
