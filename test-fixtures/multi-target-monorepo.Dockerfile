# syntax=docker/dockerfile:1

# Monorepo build for the "harbor-lights" API, worker and web console.
# CI builds the leaf stages with --target: lint, test, binary, release.

ARG GO_VERSION=1.22
ARG NODE_VERSION=20
ARG ALPINE_VERSION=3.20
ARG XX_VERSION=1.4.0
ARG GOLANGCI_LINT_VERSION=v1.59.1
ARG BUF_VERSION=1.34.0

# golatest is the Go toolchain every Go stage starts from, on the build platform.
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine${ALPINE_VERSION} AS golatest

# xx provides cross-compilation helpers (xx-go, xx-verify).
FROM --platform=$BUILDPLATFORM tonistiigi/xx:${XX_VERSION} AS xx

FROM --platform=$BUILDPLATFORM golangci/golangci-lint:${GOLANGCI_LINT_VERSION}-alpine AS golangci-lint

FROM --platform=$BUILDPLATFORM bufbuild/buf:${BUF_VERSION} AS buf

# gobase cross-compiles for the target platform with the xx helpers.
FROM golatest AS gobase
COPY --from=xx / /
RUN apk add --no-cache file git make
ENV CGO_ENABLED=0 \
    GOFLAGS=-mod=readonly
WORKDIR /src

FROM gobase AS gomod
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download

# generate compiles the protobuf definitions into Go and TypeScript clients.
FROM gomod AS generate
COPY --from=buf /usr/local/bin/buf /usr/local/bin/buf
COPY proto/ proto/
COPY buf.yaml buf.gen.yaml ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.34.2 \
 && buf generate --output /out

FROM gomod AS validate-generated
COPY . .
RUN --mount=type=bind,from=generate,source=/out,target=/generated \
    diff -r /generated/gen ./gen \
 || { echo "generated files are stale: run 'make generate'"; exit 1; }

FROM gomod AS lint-go
COPY --from=golangci-lint /usr/bin/golangci-lint /usr/local/bin/golangci-lint
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache \
    golangci-lint run --timeout 5m ./... \
 && touch /lint-go.done

FROM gomod AS test-go
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    mkdir -p /out \
 && go test -coverprofile=/out/coverage.txt -covermode=atomic ./...

FROM gomod AS build-api
ARG TARGETPLATFORM
ARG VERSION=0.0.0-dev
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    xx-go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/harbor-api ./cmd/api \
 && xx-verify --static /out/harbor-api

FROM gomod AS build-worker
ARG TARGETPLATFORM
ARG VERSION=0.0.0-dev
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    xx-go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/harbor-worker ./cmd/worker \
 && xx-verify --static /out/harbor-worker

# devkit is pushed as the base image of plugin repositories (ONBUILD runs there).
FROM gomod AS devkit
ONBUILD COPY . /src/plugin
ONBUILD RUN --mount=type=cache,target=/root/.cache/go-build \
    go build -C /src/plugin -o /out/plugin .

FROM --platform=$BUILDPLATFORM node:${NODE_VERSION}-alpine${ALPINE_VERSION} AS node-base
WORKDIR /web
ENV CI=true

FROM node-base AS web-deps
COPY web/package.json web/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci

FROM web-deps AS lint-web
COPY web/ ./
COPY --from=generate /out/ts ./src/gen
RUN npm run lint \
 && touch /lint-web.done

FROM web-deps AS test-web
COPY web/ ./
COPY --from=generate /out/ts ./src/gen
RUN npm test -- --coverage --coverageDirectory=/out/coverage

FROM web-deps AS build-web
COPY web/ ./
COPY --from=generate /out/ts ./src/gen
RUN npm run build -- --outDir /out/console

# lint runs every linter; its files are only markers that the linters ran.
FROM scratch AS lint
COPY --from=lint-go /lint-go.done /
COPY --from=lint-web /lint-web.done /

# test collects the coverage reports of the Go and web test suites.
FROM scratch AS test
COPY --from=test-go /out/coverage.txt /go/coverage.txt
COPY --from=test-web /out/coverage/ /web/

# binary exports the Go binaries for the target platform.
FROM scratch AS binary
COPY --from=build-api /out/harbor-api /
COPY --from=build-worker /out/harbor-worker /

FROM scratch AS web-assets
COPY --from=build-web /out/console/ /

FROM --platform=$BUILDPLATFORM alpine:${ALPINE_VERSION} AS releaser
ARG TARGETOS
ARG TARGETARCH
ARG VERSION=0.0.0-dev
WORKDIR /work
RUN --mount=type=bind,from=binary,target=/work/bin \
    --mount=type=bind,from=web-assets,target=/work/console \
    mkdir -p /out \
 && tar -czf "/out/harbor-lights_${VERSION}_${TARGETOS}_${TARGETARCH}.tar.gz" bin console \
 && cd /out && sha256sum -- *.tar.gz > checksums.txt

# release exports the archives and checksums for the target platform.
FROM scratch AS release
COPY --from=releaser /out/ /

FROM alpine:${ALPINE_VERSION} AS worker
RUN apk add --no-cache ca-certificates tzdata \
 && adduser -D -H -u 10001 harbor
COPY --from=binary /harbor-worker /usr/local/bin/harbor-worker
USER harbor
ENTRYPOINT ["/usr/local/bin/harbor-worker"]

# api is the default target: the API server with the web console bundled.
FROM alpine:${ALPINE_VERSION} AS api
RUN apk add --no-cache ca-certificates tzdata \
 && adduser -D -H -u 10001 harbor
COPY --from=binary /harbor-api /usr/local/bin/harbor-api
COPY --from=web-assets / /usr/share/harbor/console
USER harbor
EXPOSE 8443
ENTRYPOINT ["/usr/local/bin/harbor-api"]
CMD ["serve", "--console-dir=/usr/share/harbor/console"]
