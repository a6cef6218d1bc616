FROM golang:1.22-alpine AS builder
WORKDIR /go/src/app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build ./cmd/worker
RUN go test ./...

FROM alpine:3.20
WORKDIR /go/src/app
COPY --from=builder /go/src/app/worker /go/src/app/worker
CMD ["./worker"]
