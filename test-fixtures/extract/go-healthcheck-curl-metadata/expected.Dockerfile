FROM golang:1.22-bookworm AS builder
ARG APP_HOME=/opt/ledger
WORKDIR ${APP_HOME}
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o bin/ledger .

FROM debian:bookworm-slim
ARG APP_HOME=/opt/ledger
LABEL org.opencontainers.image.source="https://github.com/example/ledger" org.opencontainers.image.licenses="MIT"
WORKDIR ${APP_HOME}
# What the container runs (curl).
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=builder ${APP_HOME}/bin/ledger ${APP_HOME}/bin/ledger
COPY --from=builder ${APP_HOME}/migrations ${APP_HOME}/migrations
RUN useradd --system --uid 10001 ledger && mkdir -p /var/lib/ledger && chown ledger /var/lib/ledger
VOLUME ["/var/lib/ledger"]
ENV LEDGER_DATA=/var/lib/ledger LEDGER_MIGRATIONS=${APP_HOME}/migrations
USER ledger
EXPOSE 7070
HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:7070/healthz || exit 1
ENTRYPOINT ["bin/ledger"]
