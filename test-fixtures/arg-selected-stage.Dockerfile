# syntax=docker/dockerfile:1

# VARIANT selects the runtime base: alpine (default) or debian.
ARG VARIANT=alpine
# GO_VERSION is the Go toolchain used to compile the binary.
ARG GO_VERSION=1.22

FROM golang:${GO_VERSION}-alpine AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -o /out/relay ./cmd/relay

# base-alpine is the small default runtime.
FROM alpine:3.20 AS base-alpine
RUN apk add --no-cache ca-certificates tzdata

# base-debian is for deployments that need glibc and Debian tooling.
FROM debian:bookworm-slim AS base-debian
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/*

# final picks base-alpine or base-debian through the VARIANT build argument.
FROM base-${VARIANT} AS final
ARG VARIANT
LABEL org.opencontainers.image.description="relay (${VARIANT} variant)"
COPY --from=build /out/relay /usr/local/bin/relay
USER 65534:65534
ENTRYPOINT ["/usr/local/bin/relay"]
