# syntax=docker/dockerfile:1
ARG GO_VERSION=1.22

# Builds and serves the orders API.
FROM golang:${GO_VERSION} AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# A static binary, so it runs on gcr.io/distroless/static-debian12.
ENV CGO_ENABLED=0
# Compile the server.
RUN go build -trimpath -o /out/server ./cmd/server

FROM gcr.io/distroless/static-debian12
WORKDIR /src
COPY --from=builder /out/server /out/server

LABEL org.opencontainers.image.title="orders"
ENV PORT=8080
EXPOSE 8080
USER nobody
HEALTHCHECK --interval=30s CMD ["/out/server", "-healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/out/server"]
CMD ["--listen=:8080"]
