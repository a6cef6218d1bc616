# syntax=docker/dockerfile:1

# build compiles the static binary and gathers the files a scratch image needs.
FROM golang:1.22-alpine AS build
RUN apk add --no-cache ca-certificates tzdata \
 && echo 'app:x:10001:10001::/nonexistent:/sbin/nologin' > /etc/passwd.app
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/pinger ./cmd/pinger \
 && go version -m /out/pinger > /out/pinger.buildinfo.txt

# export holds only the build results: docker buildx build --target export --output type=local,dest=dist .
FROM scratch AS export
COPY --from=build /out/ /

# export-licenses holds the licence files of the vendored modules.
FROM scratch AS export-licenses
COPY --from=build /src/LICENSE /pinger/LICENSE
COPY --from=build /src/third_party/licenses/ /third_party/

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=build /etc/passwd.app /etc/passwd
COPY --from=build /out/pinger /pinger
USER 10001:10001
ENTRYPOINT ["/pinger"]
