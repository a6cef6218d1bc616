# syntax=docker/dockerfile:1

# builder compiles the daemon and prepares its default configuration.
FROM golang:1.22-bookworm AS builder
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -o /out/tallyd ./cmd/tallyd

# assets builds the dashboard served by the daemon.
FROM node:20-bookworm-slim AS assets
WORKDIR /web
COPY web/ ./
RUN npm ci && npm run build

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 1000 tally \
 && useradd --uid 1000 --gid tally --no-create-home tally
COPY --link --chown=1000:1000 --from=builder /out/tallyd /usr/local/bin/tallyd
COPY --chmod=755 --from=Builder /src/scripts/entrypoint.sh /usr/local/bin/entrypoint.sh
COPY --from=builder ["/src/config/default.yaml", "/etc/tally/config.yaml"]
COPY --from=BUILDER --link /src/LICENSE /usr/share/doc/tally/LICENSE
COPY --chown=tally:tally --chmod=644 --link --from=assets /web/dist/ /usr/share/tally/www/
COPY --from=assets --chown=tally:tally ["/web/dist/manifest.json", "/usr/share/tally/manifest.json"]
RUN --network=none --mount=type=bind,from=builder,source=/src/testdata,target=/testdata \
    /usr/local/bin/tallyd check-config --config=/etc/tally/config.yaml --fixtures=/testdata
USER tally
EXPOSE 9090
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
CMD ["tallyd", "--config=/etc/tally/config.yaml"]
