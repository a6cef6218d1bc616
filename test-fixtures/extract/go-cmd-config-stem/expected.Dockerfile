FROM golang:1.21-alpine AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -trimpath -ldflags="-s -w" ./cmd/server

FROM alpine:3.20
WORKDIR /src
COPY --from=builder /src/server /src/server
COPY --from=builder /src/settings.yaml /src/settings.yaml
COPY --from=builder /src/ui /src/ui
EXPOSE 8080
CMD ["./server"]
