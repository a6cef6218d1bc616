/**
 * "Extract builder stage", proven with a real engine (dockerd + BuildKit, see harness.ts): for golden
 * cases of test-fixtures/refactors/, the before and after Dockerfiles both build offline; the after
 * image has the artifact, runs the same command with the same output, no longer holds the toolchain or
 * the build inputs, and is smaller.
 *
 * No registry: the toolchain and runtime images the Dockerfiles name (golang:…, node:20, …) are tiny
 * stand-ins built here from the busybox base. Their tools are shell scripts that behave like the real
 * ones where it matters (`go build -o X` writes an executable X, `npm ci --omit=dev` skips dev
 * dependencies, …), and each toolchain image carries a large dummy file, as real toolchains are large.
 *
 * Run: node scripts/run-node-tests.mjs test/docker
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { buildModel } from '../../server/src/service/model';
import { applyToText } from '../../server/test/refactors/workspaceEdit';
import { readCase, runCase, URI } from '../../server/test/refactors/goldenCases';
import { BASE, engineSkipReason, useEngine, type BuildResult, type Engine } from './harness';

const suite = useEngine();
const TEST_TIMEOUT = 300_000;

// ---- Stand-in toolchains ------------------------------------------------------------------------

/** `go`: `go build [-o out] [pkg]` writes a program printing <pkg>/message.txt; mod, vet, test pass. */
const FAKE_GO = `#!/bin/sh
set -e
cmd="$1"; shift
case "$cmd" in
  mod|vet|test) exit 0 ;;
  build)
    out=""; pkg="."
    while [ $# -gt 0 ]; do
      case "$1" in
        -o) out="$2"; shift 2 ;;
        -o=*) out="\${1#-o=}"; shift ;;
        -tags|-gcflags|-ldflags) shift 2 ;;
        -*) shift ;;
        *) pkg="$1"; shift ;;
      esac
    done
    [ -n "$out" ] || out="$(basename "$pkg")"
    mkdir -p "$(dirname "$out")"
    printf '#!/bin/sh\\necho "%s $*"\\n' "$(cat "$pkg/message.txt")" > "$out"
    chmod 755 "$out" ;;
  *) echo "fake go: unsupported command $cmd" >&2; exit 2 ;;
esac
`;

/** `npm`: ci/install fill node_modules (dev dependencies unless --omit=dev); `run build` needs them. */
const FAKE_NPM = `#!/bin/sh
set -e
case "$1" in
  ci|install)
    [ -f package-lock.json ] || { echo "npm ci needs package-lock.json" >&2; exit 1; }
    mkdir -p node_modules/greeting
    echo "hello" > node_modules/greeting/index.txt
    case " $* " in
      *" --omit=dev "*) ;;
      *) mkdir -p node_modules/typescript && dd if=/dev/zero of=node_modules/typescript/tsc.bin bs=1024 count=6144 2>/dev/null ;;
    esac ;;
  run)
    [ "$2" = build ] || { echo "fake npm: no script $2" >&2; exit 1; }
    [ -d node_modules/typescript ] || { echo "build needs the dev dependencies" >&2; exit 1; }
    mkdir -p dist
    cp src/server.js dist/server.js ;;
  *) echo "fake npm: unsupported command $1" >&2; exit 2 ;;
esac
`;

/** `node file.js`: the stand-in "JavaScript" is shell. */
const FAKE_NODE = `#!/bin/sh
exec sh "$@"
`;

/** `cargo build --release`: writes target/release/<package name> printing src/message.txt, plus build leftovers. */
const FAKE_CARGO = `#!/bin/sh
set -e
[ "$1" = build ] || { echo "fake cargo: unsupported command $1" >&2; exit 2; }
name="$(sed -n 's/^name *= *"\\(.*\\)"/\\1/p' Cargo.toml | head -n 1)"
mkdir -p target/release/deps
dd if=/dev/zero of=target/release/deps/lib$name.rlib bs=1024 count=4096 2>/dev/null
printf '#!/bin/sh\\necho "%s $*"\\n' "$(cat src/message.txt)" > "target/release/$name"
chmod 755 "target/release/$name"
`;

/** `pip install -r FILE`: every requirement becomes a program in <prefix>/bin (the venv's, or /usr/local). */
const FAKE_PIP = `#!/bin/sh
PREFIX=/usr/local
set -e
[ "$1" = install ] || { echo "fake pip: unsupported command $1" >&2; exit 2; }
shift
req=""
while [ $# -gt 0 ]; do case "$1" in -r) req="$2"; shift 2 ;; *) shift ;; esac; done
[ -n "$req" ] || exit 0
while read -r pkg; do
  [ -n "$pkg" ] || continue
  mkdir -p "$PREFIX/bin" "$PREFIX/lib/site-packages/$pkg"
  printf '#!/bin/sh\\necho "%s serving $(cat app.py) with $*"\\n' "$pkg" > "$PREFIX/bin/$pkg"
  chmod 755 "$PREFIX/bin/$pkg"
done < "$req"
`;

/** `python3 -m venv DIR` makes a venv whose pip installs into it; `python3 -m pip` is pip. */
const FAKE_PYTHON = `#!/bin/sh
set -e
if [ "$1" = -m ] && [ "$2" = venv ]; then
  mkdir -p "$3/bin"
  ln -sf /usr/local/bin/python3 "$3/bin/python3"
  sed "s#^PREFIX=.*#PREFIX=$3#" /usr/local/bin/pip > "$3/bin/pip"
  chmod 755 "$3/bin/pip"
  exit 0
fi
if [ "$1" = -m ] && [ "$2" = pip ]; then shift 2; exec pip "$@"; fi
exec sh "$@"
`;

interface FakeImage {
  tag: string;
  /** Files of the image's build context. */
  files?: Record<string, string>;
  /** Dockerfile lines after `FROM <busybox base>`. */
  lines?: string[];
}

/** A large dummy file standing for the toolchain's size. */
const toolchainBlob = (path: string) => `RUN mkdir -p $(dirname ${path}) && dd if=/dev/zero of=${path} bs=1024 count=16384 2>/dev/null`;
const tool = (name: string, dest: string) => [`COPY ${name} ${dest}`, `RUN chmod 755 ${dest}`];
const LOCAL_PATH = 'ENV PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const NODE_USER = `RUN echo 'node:x:1000:1000:node:/home/node:/bin/sh' >> /etc/passwd && echo 'node:x:1000:' >> /etc/group && mkdir -p /home/node && chown 1000:1000 /home/node`;

const FAKE_IMAGES: FakeImage[] = [
  {
    tag: 'golang:1.22-bookworm',
    files: { go: FAKE_GO },
    lines: [...tool('go', '/usr/local/go/bin/go'), toolchainBlob('/usr/local/go/pkg/tool/linux_amd64/compile'), 'ENV PATH=/usr/local/go/bin:/go/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'WORKDIR /go'],
  },
  { tag: 'gcr.io/distroless/static-debian12:nonroot' },
  { tag: 'gcr.io/distroless/cc-debian12:nonroot' },
  {
    tag: 'node:20',
    files: { npm: FAKE_NPM, node: FAKE_NODE },
    lines: [...tool('node', '/usr/local/bin/node'), ...tool('npm', '/usr/local/bin/npm'), toolchainBlob('/usr/local/include/node/v8-headers.bin'), NODE_USER, LOCAL_PATH],
  },
  {
    tag: 'node:20-slim',
    files: { npm: FAKE_NPM, node: FAKE_NODE },
    lines: [...tool('node', '/usr/local/bin/node'), ...tool('npm', '/usr/local/bin/npm'), NODE_USER, LOCAL_PATH],
  },
  {
    tag: 'rust:1.79',
    files: { cargo: FAKE_CARGO },
    lines: [...tool('cargo', '/usr/local/cargo/bin/cargo'), toolchainBlob('/usr/local/rustup/toolchains/stable/lib/librustc_driver.so'), 'ENV PATH=/usr/local/cargo/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
  },
  {
    tag: 'python:3.12',
    files: { python3: FAKE_PYTHON, pip: FAKE_PIP },
    lines: [...tool('python3', '/usr/local/bin/python3'), ...tool('pip', '/usr/local/bin/pip'), toolchainBlob('/usr/lib/gcc/x86_64-linux-gnu/12/cc1plus'), LOCAL_PATH],
  },
  {
    tag: 'python:3.12-slim',
    files: { python3: FAKE_PYTHON, pip: FAKE_PIP },
    lines: [...tool('python3', '/usr/local/bin/python3'), ...tool('pip', '/usr/local/bin/pip'), LOCAL_PATH],
  },
  { tag: 'buildpack-deps:bookworm', lines: [toolchainBlob('/usr/lib/gcc/x86_64-linux-gnu/12/cc1')] },
  { tag: 'debian:bookworm-slim' },
];

// ---- The cases ----------------------------------------------------------------------------------

interface RealBuildCase {
  /** Golden case folder in test-fixtures/refactors/. */
  golden: string;
  /** The build context both Dockerfiles are built from. */
  context: Record<string, string>;
  /** Paths the after image must have (the artifacts). */
  present: string[];
  /** Paths the after image must not have: toolchain files and build inputs. */
  absent: string[];
}

const CASES: RealBuildCase[] = [
  {
    golden: 'extract-go-distroless',
    context: { 'go.mod': 'module example.com/api\n\ngo 1.22\n', 'go.sum': '', 'cmd/api/main.go': 'package main\n', 'cmd/api/message.txt': 'api says hello' },
    present: ['/app/bin/api'],
    absent: ['/usr/local/go/pkg/tool/linux_amd64/compile', '/usr/local/go/bin/go', '/app/cmd/api/main.go', '/app/go.mod'],
  },
  {
    golden: 'extract-node-npm',
    context: {
      'package.json': '{ "name": "web", "scripts": { "build": "tsc" } }\n',
      'package-lock.json': '{ "lockfileVersion": 3 }\n',
      'src/server.js': 'echo "$(cat node_modules/greeting/index.txt) from $(pwd) as uid $(id -u), NODE_ENV=$NODE_ENV"\n',
    },
    present: ['/app/dist/server.js', '/app/node_modules/greeting/index.txt'],
    absent: ['/usr/local/include/node/v8-headers.bin', '/app/node_modules/typescript', '/app/src/server.js'],
  },
  {
    golden: 'extract-rust',
    context: {
      'Cargo.toml': '[package]\nname = "ripcat"\nversion = "0.1.0"\n\n[dependencies]\nregex = "1"\n',
      'src/main.rs': 'fn main() {}\n',
      'src/message.txt': 'ripcat 0.1.0',
    },
    present: ['/usr/src/ripcat/target/release/ripcat'],
    absent: ['/usr/local/rustup/toolchains/stable/lib/librustc_driver.so', '/usr/src/ripcat/target/release/deps', '/usr/src/ripcat/src/main.rs'],
  },
  {
    golden: 'extract-python-pip',
    context: { 'requirements.txt': 'gunicorn\n', 'app.py': 'app = hello()' },
    present: ['/opt/venv/bin/gunicorn', '/app/app.py'],
    absent: ['/usr/lib/gcc/x86_64-linux-gnu/12/cc1plus', '/usr/local/bin/gunicorn'],
  },
  {
    // The artifact cannot be inferred: the marked COPY takes the whole WORKDIR, so the image still
    // runs the same; the toolchain is gone, the sources stay until the user narrows the marked line.
    golden: 'extract-unknown-artifact',
    context: {
      configure: 'echo "configured for $(uname -m)" > config.status\n',
      'build.sh': 'mkdir -p out\nprintf \'#!/bin/sh\\necho "tool: %s"\\n\' "$(cat config.status)" > out/tool\nchmod 755 out/tool\n',
    },
    present: ['/opt/tool/out/tool'],
    absent: ['/usr/lib/gcc/x86_64-linux-gnu/12/cc1'],
  },
];

// ---- Helpers ------------------------------------------------------------------------------------

function ok<T extends { code: number | null; stdout: string; stderr: string }>(r: T, what: string): T {
  assert.equal(r.code, 0, `${what} failed:\n${'output' in r ? (r as unknown as BuildResult).output : r.stdout + r.stderr}`);
  return r;
}

let fakesReady: Promise<void> | undefined;

/** Builds every stand-in image once per engine. */
function ensureFakeImages(engine: Engine): Promise<void> {
  fakesReady ??= (async () => {
    for (const image of FAKE_IMAGES) {
      const dockerfile = [`FROM ${BASE}`, ...(image.lines ?? [])].join('\n') + '\n';
      ok(await engine.build(dockerfile, { tag: image.tag, files: image.files }), `stand-in image ${image.tag}`);
    }
  })();
  return fakesReady;
}

async function imageSize(engine: Engine, tag: string): Promise<number> {
  const r = ok(await engine.docker(['image', 'inspect', '--format', '{{.Size}}', tag]), `inspect ${tag}`);
  return Number(r.stdout.trim());
}

async function run(engine: Engine, tag: string): Promise<string> {
  return ok(await engine.docker(['run', '--rm', '--network=none', tag], { timeoutMs: 60_000 }), `docker run ${tag}`).stdout;
}

/** Whether `path` exists in the image (checked with the image's busybox shell). */
async function exists(engine: Engine, tag: string, path: string): Promise<boolean> {
  const r = await engine.docker(['run', '--rm', '--network=none', '--user', '0', '--entrypoint', '/bin/sh', tag, '-c', 'test -e "$1"', 'sh', path], { timeoutMs: 60_000 });
  assert.ok(r.code === 0 || r.code === 1, `checking ${path} in ${tag} failed: ${r.stderr}`);
  return r.code === 0;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

// ---- The suite ----------------------------------------------------------------------------------

describe('Extract builder stage, built for real', { skip: engineSkipReason(), timeout: 1_800_000 }, () => {
  for (const c of CASES) {
    it(`${c.golden}: before and after build, run the same, and the after image is smaller without the toolchain`, { timeout: TEST_TIMEOUT }, async (t: TestContext) => {
      const engine = suite.get(t);
      if (!engine) return;
      await ensureFakeImages(engine);
      const { spec, before, after } = readCase(c.golden);
      const action = runCase(buildModel(before, URI, 1), spec);
      assert.ok(action?.edit, 'the refactor is offered');
      assert.equal(applyToText(URI, before, 1, action.edit), after, 'the golden after file is what the refactor produces');

      const beforeTag = `refactor-before/${c.golden}:test`;
      const afterTag = `refactor-after/${c.golden}:test`;
      ok(await engine.build(before, { tag: beforeTag, files: c.context }), `building ${c.golden}/before.Dockerfile`);
      ok(await engine.build(after, { tag: afterTag, files: c.context }), `building ${c.golden}/after.Dockerfile`);

      const [beforeOut, afterOut] = [await run(engine, beforeTag), await run(engine, afterTag)];
      assert.ok(beforeOut.trim() !== '', 'the image prints something');
      assert.equal(afterOut, beforeOut, 'same command, same output');
      for (const path of c.present) assert.ok(await exists(engine, afterTag, path), `${path} is in the after image`);
      for (const path of c.absent) {
        assert.ok(await exists(engine, beforeTag, path), `${path} is in the before image`);
        assert.ok(!(await exists(engine, afterTag, path)), `${path} is not in the after image`);
      }
      const [beforeSize, afterSize] = [await imageSize(engine, beforeTag), await imageSize(engine, afterTag)];
      t.diagnostic(`${c.golden}: before ${mb(beforeSize)}, after ${mb(afterSize)}; output: ${afterOut.trim()}`);
      assert.ok(afterSize < beforeSize, `after (${afterSize} bytes) is smaller than before (${beforeSize} bytes)`);
    });
  }
});
