// Deterministic generator of realistic multi-stage Dockerfiles for the benchmark.
//
// A file is a preamble (syntax directive, global ARGs) followed by "services". Each service is five
// stages of about 20 lines each (~100 lines per service): deps -> build -> test, docs (heredoc), and a
// runtime stage that copies from build and docs. Every service after the first mounts the first
// service's deps stage as a tool cache (`--mount=type=bind,from=…`), so one stage is referenced from
// all over the file, as shared tool stages are in real monorepos. Same (lines, seed) => same text.
//
// Usage as a script: node bench/generate.mjs 1000 [seed] > Dockerfile

const SERVICES = ['api', 'web', 'worker', 'auth', 'billing', 'search', 'gateway', 'notify', 'report', 'ingest', 'media', 'admin'];

const TOOLCHAINS = [
  {
    id: 'go',
    image: '${GO_IMAGE}',
    lockfiles: 'go.mod go.sum ./',
    cache: '/go/pkg/mod',
    buildCache: '/root/.cache/go-build',
    install: ['go mod download', 'go mod verify'],
    build: (svc) => [`go build -trimpath -ldflags "-s -w -X main.version=\${VERSION}" -o /out/${svc} ./cmd/${svc}`, `strip /out/${svc} || true`],
    test: ['go vet ./...', 'go test -race -count=1 ./...'],
    env: ['CGO_ENABLED=0', 'GOFLAGS=-mod=readonly'],
  },
  {
    id: 'node',
    image: '${NODE_IMAGE}',
    lockfiles: 'package.json package-lock.json ./',
    cache: '/root/.npm',
    buildCache: '/src/.next/cache',
    install: ['npm ci --no-audit --no-fund', 'npm cache verify'],
    build: (svc) => ['npm run build -- --mode=production', `mkdir -p /out && cp -r dist /out/${svc}`],
    test: ['npm run lint', 'npm test -- --ci --reporters=default'],
    env: ['NODE_ENV=production', 'NPM_CONFIG_UPDATE_NOTIFIER=false'],
  },
  {
    id: 'python',
    image: '${PYTHON_IMAGE}',
    lockfiles: 'pyproject.toml poetry.lock ./',
    cache: '/root/.cache/pip',
    buildCache: '/root/.cache/pypoetry',
    install: ['pip install --upgrade pip poetry==1.8.3', 'poetry export -f requirements.txt -o /tmp/req.txt', 'pip wheel -r /tmp/req.txt -w /wheels'],
    build: (svc) => [`poetry build -f wheel`, `mkdir -p /out/${svc} && cp dist/*.whl /out/${svc}/`],
    test: ['pip install /wheels/*.whl', 'python -m pytest -q'],
    env: ['PYTHONDONTWRITEBYTECODE=1', 'PIP_DISABLE_PIP_VERSION_CHECK=1'],
  },
  {
    id: 'rust',
    image: '${RUST_IMAGE}',
    lockfiles: 'Cargo.toml Cargo.lock ./',
    cache: '/usr/local/cargo/registry',
    buildCache: '/src/target',
    install: ['mkdir -p src && echo "fn main() {}" > src/main.rs', 'cargo fetch --locked'],
    build: (svc) => [`cargo build --release --locked --bin ${svc}`, `install -D target/release/${svc} /out/${svc}`],
    test: ['cargo clippy --locked -- -D warnings', 'cargo test --locked'],
    env: ['CARGO_TERM_COLOR=never', 'CARGO_INCREMENTAL=0'],
  },
  {
    id: 'java',
    image: '${JAVA_IMAGE}',
    lockfiles: 'pom.xml ./',
    cache: '/root/.m2/repository',
    buildCache: '/src/target',
    install: ['mvn -B -q dependency:go-offline', 'mvn -B -q dependency:resolve-plugins'],
    build: (svc) => ['mvn -B -q -DskipTests package', `mkdir -p /out && cp target/*.jar /out/${svc}.jar`],
    test: ['mvn -B -q verify', 'mvn -B -q spotbugs:check'],
    env: ['MAVEN_OPTS=-Xmx1g', 'JAVA_TOOL_OPTIONS=-XX:+UseContainerSupport'],
  },
];

/** Small seeded PRNG (mulberry32): the same seed gives the same file on every machine. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function serviceName(i) {
  const base = SERVICES[i % SERVICES.length];
  return i < SERVICES.length ? base : `${base}${Math.floor(i / SERVICES.length) + 1}`;
}

function preamble() {
  return [
    '# syntax=docker/dockerfile:1.7',
    '# check=error=true',
    '',
    '# Toolchain images, overridable with --build-arg.',
    'ARG GO_IMAGE=golang:1.22-bookworm',
    'ARG NODE_IMAGE=node:20-bookworm-slim',
    'ARG PYTHON_IMAGE=python:3.12-slim-bookworm',
    'ARG RUST_IMAGE=rust:1.79-slim-bookworm',
    'ARG JAVA_IMAGE=maven:3.9-eclipse-temurin-21',
    'ARG RUNTIME_IMAGE=gcr.io/distroless/static-debian12:nonroot',
    'ARG VERSION=dev',
    '',
  ];
}

/** Shell commands joined with `&&` over continuation lines. */
function continued(lines) {
  return lines.map((l, i, a) => (i < a.length - 1 ? `${l} && \\` : l));
}

function service(i, rnd, first) {
  const svc = serviceName(i);
  const tc = TOOLCHAINS[i % TOOLCHAINS.length];
  const port = 8000 + (i % 1000);
  const out = [];
  const toolMount = first ? `--mount=type=bind,from=${first}-deps,source=/usr/local/bin,target=/opt/tools,readonly` : null;

  // deps
  out.push('# ' + '-'.repeat(70));
  out.push(`# ${svc} (${tc.id})`);
  out.push('# ' + '-'.repeat(70));
  out.push('');
  out.push(`# ${svc}: dependencies only, so source edits keep this layer cached.`);
  out.push(`FROM --platform=$BUILDPLATFORM ${tc.image} AS ${svc}-deps`);
  out.push('ARG TARGETOS TARGETARCH');
  out.push('SHELL ["/bin/bash", "-o", "pipefail", "-c"]');
  out.push(`ENV ${tc.env[0]} \\`, `    ${tc.env[1]}`);
  out.push('RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\');
  out.push('    --mount=type=cache,target=/var/lib/apt,sharing=locked \\');
  out.push('    apt-get update && \\');
  out.push('    apt-get install -y --no-install-recommends \\');
  const packages = ['ca-certificates', 'git', 'make', 'protobuf-compiler', 'pkg-config', 'libssl-dev', 'curl'];
  const picked = packages.filter(() => rnd() < 0.7);
  for (const p of picked) out.push(`        ${p} \\`);
  out.push('        tzdata && \\', '    rm -rf /var/lib/apt/lists/*');
  out.push(`WORKDIR /src/${svc}`);
  out.push(`COPY ${tc.lockfiles}`);
  const mounts = [`--mount=type=cache,target=${tc.cache},sharing=locked`];
  if (toolMount) mounts.push(toolMount);
  const install = continued(tc.install);
  out.push(`RUN ${mounts[0]} \\`);
  for (const m of mounts.slice(1)) out.push(`    ${m} \\`);
  out.push(...install.map((l) => `    ${l}`));
  out.push('');

  // build
  out.push(`# ${svc}: compile; VERSION is stamped into the binary.`);
  out.push(`FROM ${svc}-deps AS ${svc}-build`);
  out.push('ARG VERSION');
  out.push('ARG BUILD_DATE');
  out.push(`ENV APP_NAME=${svc} APP_VERSION=\${VERSION}`);
  out.push('COPY . .');
  out.push('# Generated code needs the private modules: secret and ssh mounts, never layers.');
  out.push('RUN --mount=type=secret,id=netrc,target=/root/.netrc \\');
  out.push('    --mount=type=ssh \\');
  out.push('    make generate && \\');
  out.push('    git diff --exit-code -- ./gen');
  out.push(`RUN --mount=type=cache,target=${tc.cache} \\`);
  out.push(`    --mount=type=cache,target=${tc.buildCache},id=${svc}-${tc.id} \\`);
  out.push(...continued(tc.build(svc)).map((l) => `    ${l}`));
  if (rnd() < 0.5) out.push('# Keep the license files next to the binary.', `RUN cp LICENSE* /out/ 2>/dev/null || true`);
  out.push('');

  // test
  out.push(`FROM ${svc}-build AS ${svc}-test`);
  out.push('ENV CI=true');
  out.push(`COPY --from=${svc}-deps /usr/local/bin/ /usr/local/bin/`);
  out.push(`RUN --mount=type=cache,target=${tc.buildCache},id=${svc}-${tc.id} \\`);
  out.push(...continued(tc.test).map((l) => `    ${l}`));
  out.push("RUN <<'EOT' bash");
  out.push('set -euo pipefail');
  out.push(`echo "smoke-testing ${svc}"`);
  out.push('for f in /out/*; do test -s "$f"; done');
  out.push('EOT');
  out.push('');

  // docs, built with a heredoc script
  out.push('# Documentation site, built with a heredoc script.');
  out.push(`FROM alpine:3.20 AS ${svc}-docs`);
  out.push('WORKDIR /docs');
  out.push(`COPY --from=${svc}-build --link /src/${svc}/docs ./`);
  out.push('RUN <<EOF');
  out.push('set -eu');
  out.push('apk add --no-cache py3-pip');
  out.push(`pip install --break-system-packages mkdocs==1.6.0 && mkdocs build --site-dir /site/${svc}`);
  out.push('EOF');
  out.push('');

  // runtime
  out.push(`# ${svc}: the image that ships.`);
  out.push(`FROM \${RUNTIME_IMAGE} AS ${svc}-runtime`);
  out.push('ARG VERSION');
  out.push(`LABEL org.opencontainers.image.title="${svc}" \\`);
  out.push('      org.opencontainers.image.version="${VERSION}" \\');
  out.push('      org.opencontainers.image.vendor="Example Corp" \\');
  out.push(`      org.opencontainers.image.source="https://git.example.com/platform/${svc}"`);
  out.push('WORKDIR /app');
  out.push(`COPY --link --chown=65532:65532 --chmod=0755 --from=${svc}-build /out/ /app/`);
  out.push(`COPY --from=${svc}-docs /site/${svc} /app/docs`);
  out.push(`COPY <<EOF /app/config.yaml`);
  out.push(`service: ${svc}`);
  out.push(`port: ${port}`);
  out.push('EOF');
  out.push('ENV TZ=UTC \\');
  out.push('    LANG=C.UTF-8 \\');
  out.push(`    APP_PORT=${port}`);
  out.push('USER nonroot:nonroot');
  out.push('STOPSIGNAL SIGTERM');
  out.push(`EXPOSE ${port}`);
  out.push(`HEALTHCHECK --interval=30s --timeout=3s CMD ["/app/${svc}", "healthcheck"]`);
  out.push(`ENTRYPOINT ["/app/${svc}"]`);
  out.push('');
  return out;
}

/**
 * A Dockerfile of about `lines` lines (one service, five stages, per ~100 lines).
 * Returns the text and its line and stage counts.
 */
export function generateDockerfile(lines, seed = 1) {
  const rnd = prng(seed * 7919 + lines);
  const out = preamble();
  const first = serviceName(0);
  let services = 0;
  while (services === 0 || out.length < lines - 50) out.push(...service(services++, rnd, services === 1 ? null : first));
  const text = out.join('\n');
  return { text, lines: out.length, stages: services * 5 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { text } = generateDockerfile(Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 1));
  process.stdout.write(text);
}
