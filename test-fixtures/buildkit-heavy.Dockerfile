# syntax=docker/dockerfile:1

ARG GO_VERSION=1.22
ARG NODE_VERSION=20
ARG ALPINE_VERSION=3.20
ARG XX_VERSION=1.4.0
ARG GOLANGCI_LINT_VERSION=v1.59.1
ARG NFPM_VERSION=v2.38.0

# base is the Debian Go toolchain that every build-side stage starts from.
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-bookworm AS base
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    <<EOF
set -eux
rm -f /etc/apt/apt.conf.d/docker-clean
apt-get update
apt-get install -y --no-install-recommends file git make
EOF
WORKDIR /src

FROM --platform=$BUILDPLATFORM tonistiigi/xx:${XX_VERSION} AS xx

FROM base AS gomod
RUN --mount=type=bind,source=go.mod,target=go.mod \
    --mount=type=bind,source=go.sum,target=go.sum \
    --mount=type=cache,target=/go/pkg/mod \
    --mount=type=secret,id=netrc,target=/root/.netrc \
    GOPRIVATE='example.com/beacon/*' go mod download

# tools installs the code generators pinned in tools/go.mod.
FROM gomod AS tools
RUN --mount=type=bind,source=tools,target=/src/tools \
    --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    cd tools && GOBIN=/out/bin go install \
      golang.org/x/tools/cmd/stringer \
      go.uber.org/mock/mockgen

FROM --platform=$BUILDPLATFORM debian:bookworm-slim AS clang
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean \
 && apt-get update \
 && apt-get install -y --no-install-recommends clang llvm libbpf-dev make

# bpf compiles the eBPF probes; the objects are embedded into the agent.
FROM clang AS bpf
RUN --mount=type=bind,source=bpf,target=/src/bpf \
    mkdir -p /out \
 && make -C /src/bpf OUTPUT=/out CLANG=clang

FROM tools AS generate
RUN --mount=type=bind,target=/src,rw \
    --mount=from=bpf,source=/out,target=/src/internal/probe/objects \
    --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build <<EOF
set -e
export PATH="/out/bin:$PATH"
go generate ./...
mkdir -p /out/gen
cp -r internal/probe/objects /out/gen/objects
find . \( -name '*_string.go' -o -name 'mock_*.go' \) -print | tar -cf - -T - | tar -xf - -C /out/gen
EOF

FROM base AS validate-generate
RUN --mount=type=bind,target=/src \
    --mount=type=bind,source=/out/gen,target=/generated,from=generate <<EOF
set -e
status=0
for f in $(cd /generated && find . -type f -name '*.go'); do
  if ! cmp -s "/generated/$f" "/src/$f"; then
    echo "stale generated file: $f (run 'make generate')"
    status=1
  fi
done
exit $status
EOF

FROM --platform=$BUILDPLATFORM golangci/golangci-lint:${GOLANGCI_LINT_VERSION} AS golangci-lint

FROM gomod AS lint
RUN --mount=type=bind,target=. \
    --mount=from=golangci-lint,source=/usr/bin/golangci-lint,target=/usr/bin/golangci-lint \
    --mount=type=bind,from=generate,source=/out/gen/objects,target=/src/internal/probe/objects \
    --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache,id=golangci-lint \
    golangci-lint run --timeout=10m ./...

FROM gomod AS test
RUN --mount=type=bind,target=. \
    --mount=type=bind,source=/out/gen/objects,from=generate,target=/src/internal/probe/objects \
    --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    mkdir -p /out \
 && go test -coverprofile=/out/coverage.txt ./...

FROM scratch AS test-coverage
COPY --from=test /out/coverage.txt /

FROM gomod AS build
ARG TARGETPLATFORM
ARG VERSION=0.0.0-dev
COPY --link --from=xx / /
RUN --mount=type=bind,target=. \
    --mount=type=bind,from=generate,source=/out/gen/objects,target=/src/internal/probe/objects \
    --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build,id=go-build-$TARGETPLATFORM \
    <<EOF
set -eu
xx-go --wrap
CGO_ENABLED=0 go build -trimpath \
  -ldflags "-s -w -X example.com/beacon/internal/version.Version=${VERSION}" \
  -o /out/beacon-agent ./cmd/agent
xx-verify --static /out/beacon-agent
EOF

# binary exports the agent binary for the target platform.
FROM scratch AS binary
COPY --from=build /out/beacon-agent /

FROM --platform=$BUILDPLATFORM node:${NODE_VERSION}-alpine${ALPINE_VERSION} AS ui-base
WORKDIR /ui

FROM ui-base AS ui-deps
RUN --mount=type=bind,source=ui/package.json,target=package.json \
    --mount=type=bind,source=ui/package-lock.json,target=package-lock.json \
    --mount=type=cache,target=/root/.npm \
    --mount=type=secret,id=npmrc,target=/root/.npmrc \
    npm ci --no-audit --no-fund

FROM ui-deps AS ui-build
COPY ui/ ./
RUN npm run build -- --outDir /out/ui

FROM ui-deps AS ui-test
COPY ui/ ./
RUN --mount=type=cache,target=/ui/node_modules/.vite \
    npm test -- --run

FROM --platform=$BUILDPLATFORM python:3.12-alpine AS docs-build
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install mkdocs-material==9.5.27
WORKDIR /docs
COPY docs/ /docs/docs/
COPY <<EOF /docs/mkdocs.yml
site_name: Beacon Agent
theme:
  name: material
nav:
  - Home: index.md
  - Running in containers: containers.md
EOF
COPY <<"EOF" /docs/docs/containers.md
# Running Beacon in containers

The agent image holds a single static binary. To add it to your own image:

    FROM ghcr.io/example/beacon-agent:1 AS beacon
    FROM debian:bookworm-slim
    COPY --from=beacon /usr/local/bin/beacon-agent /usr/local/bin/

Set `$BEACON_ENDPOINT` to the address of your collector.
EOF
RUN mkdocs build --strict --site-dir /out/site

# docs exports the rendered documentation site.
FROM scratch AS docs
COPY --from=docs-build /out/site /

FROM --platform=$BUILDPLATFORM goreleaser/nfpm:${NFPM_VERSION} AS nfpm

# pkg wraps the agent binary into .deb and .rpm packages.
FROM base AS pkg
ARG TARGETARCH
ARG VERSION=0.0.0-dev
WORKDIR /pkg
COPY packaging/beacon-agent.service /pkg/
COPY <<EOF /pkg/nfpm.yaml
name: beacon-agent
arch: ${TARGETARCH}
version: ${VERSION}
maintainer: Beacon maintainers <maintainers@example.com>
description: Lightweight host telemetry agent
license: Apache-2.0
contents:
  - src: /pkg/bin/beacon-agent
    dst: /usr/bin/beacon-agent
  - src: /pkg/beacon-agent.service
    dst: /lib/systemd/system/beacon-agent.service
EOF
RUN --mount=from=nfpm,source=/usr/bin/nfpm,target=/usr/local/bin/nfpm \
    --mount=type=bind,from=binary,target=/pkg/bin \
    <<-EOF
	set -eu
	mkdir -p /out
	for packager in deb rpm; do
		nfpm package --config /pkg/nfpm.yaml --packager "$packager" --target /out/
	done
	EOF

# packages exports the .deb and .rpm files.
FROM scratch AS packages
COPY --from=pkg /out/ /

FROM gomod AS licenses
RUN --mount=type=bind,target=. \
    --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go run github.com/google/go-licenses@v1.6.0 save ./cmd/agent --save_path=/out/licenses

# runtime-base holds the agent's OS packages, user and default configuration.
FROM alpine:${ALPINE_VERSION} AS runtime-base
RUN --mount=type=cache,target=/etc/apk/cache \
    apk add --update ca-certificates tzdata \
 && addgroup -S beacon \
 && adduser -S -G beacon -H -u 10001 beacon \
 && mkdir -p /etc/beacon /usr/share/doc/beacon
RUN <<CONFIG cat > /etc/beacon/agent.yaml && <<"NOTICE" cat > /usr/share/doc/beacon/NOTICE
collector:
  endpoint: https://collector.example.com:4317
  insecure: false
probes:
  - cpu
  - memory
  - tcp_connect
CONFIG
Beacon Agent
Copyright The Beacon Authors.
Licensed under the Apache License, Version 2.0.
NOTICE

# image is the default target: the agent on Alpine with its web UI.
FROM runtime-base AS image
COPY --link --from=binary /beacon-agent /usr/local/bin/beacon-agent
COPY --link --from=ui-build /out/ui /usr/share/beacon/ui
COPY --link --from=licenses /out/licenses /usr/share/doc/beacon/licenses
COPY --chmod=755 <<"EOF" /usr/local/bin/docker-entrypoint.sh
#!/bin/sh
set -e
# Allow "docker run beacon-agent --flag" as well as "docker run beacon-agent sh".
if [ "${1#-}" != "$1" ]; then
	set -- beacon-agent "$@"
fi
exec "$@"
EOF
USER beacon
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["beacon-agent", "--config=/etc/beacon/agent.yaml"]
