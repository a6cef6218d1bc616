FROM golang:1.22-bookworm AS builder
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -tags libsqlite3 -o /app/notes .

FROM debian:bookworm-slim
WORKDIR /app
# The runtime libraries of libsqlite3-dev.
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-0 && rm -rf /var/lib/apt/lists/*
COPY --from=builder /app/notes /app/notes
EXPOSE 8080
CMD ["/app/notes"]
