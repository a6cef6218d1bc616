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
# CHECK: no listing of the build context was available, so files the app may read at run time from /go/src/app (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.
CMD ["./worker"]
