# syntax=docker/dockerfile:1

ARG GO_VERSION=1.22
ARG ALPINE_VERSION=3.20

# deps downloads and verifies Go modules once so later stages reuse the layer.
FROM golang:${GO_VERSION}-alpine${ALPINE_VERSION} AS deps
RUN apk add --no-cache git ca-certificates
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download && go mod verify

# build compiles a static server binary with version information baked in.
FROM deps AS build
ARG VERSION=dev
ARG COMMIT=unknown
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath \
      -ldflags="-s -w -X main.version=${VERSION} -X main.commit=${COMMIT}" \
      -o /out/server ./cmd/server

# test runs vet and the unit tests; build it with --target test in CI.
FROM deps AS test
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go vet ./... && CGO_ENABLED=0 go test ./...

FROM gcr.io/distroless/static-debian12:nonroot AS runtime
LABEL org.opencontainers.image.source="https://example.com/acme/orders" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build /out/server /usr/local/bin/server
USER nonroot:nonroot
EXPOSE 8080/tcp
ENTRYPOINT ["/usr/local/bin/server"]
CMD ["--listen=:8080"]
