# syntax=docker/dockerfile:1

# builder compiles the API server.
FROM golang:1.22-alpine AS builder
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY --from=biulder /out/api /usr/local/bin/api
RUN --mount=type=bind,from=buidler,source=/src/migrations,target=/tmp/migrations \
    mkdir -p /usr/share/api && cp -r /tmp/migrations /usr/share/api/migrations
ENTRYPOINT ["/usr/local/bin/api"]
