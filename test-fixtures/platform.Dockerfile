# syntax=docker/dockerfile:1

# xx provides xx-go and xx-verify for cross-compilation.
FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.4.0 AS xx

# build runs natively on the build machine and cross-compiles for TARGETPLATFORM.
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
COPY --from=xx / /
ARG TARGETOS TARGETARCH
ARG TARGETVARIANT
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    GOOS=$TARGETOS GOARCH=$TARGETARCH GOARM=${TARGETVARIANT#v} \
    CGO_ENABLED=0 go build -trimpath -o /out/fleetctl ./cmd/fleetctl \
 && xx-verify --static /out/fleetctl

FROM --platform=$BUILDPLATFORM alpine:3.20 AS cross-tools
RUN apk add --no-cache upx

# compress shrinks the binary; upx runs on the build platform.
FROM cross-tools AS compress
COPY --from=build /out/fleetctl /out/fleetctl
RUN upx --best --lzma /out/fleetctl

FROM alpine:3.20
ARG TARGETPLATFORM
LABEL org.opencontainers.image.description="fleetctl for ${TARGETPLATFORM}"
RUN apk add --no-cache ca-certificates
COPY --from=compress /out/fleetctl /usr/local/bin/fleetctl
ENTRYPOINT ["/usr/local/bin/fleetctl"]
