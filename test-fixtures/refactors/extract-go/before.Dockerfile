# syntax=docker/dockerfile:1
ARG GO_VERSION=1.22

# Builds and serves the orders API.
FROM golang:${GO_VERSION}
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# Compile the server.
RUN go build -trimpath -o /out/server ./cmd/server

LABEL org.opencontainers.image.title="orders"
ENV PORT=8080
EXPOSE 8080
USER nobody
HEALTHCHECK --interval=30s CMD ["/out/server", "-healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/out/server"]
CMD ["--listen=:8080"]
