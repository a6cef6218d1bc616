FROM golang:1.22-bookworm AS builder
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# A static binary, so it runs on gcr.io/distroless/static-debian12:nonroot.
ENV CGO_ENABLED=0
RUN go vet ./... && go build -ldflags="-s -w" -o bin/api ./cmd/api

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=builder /app/bin/api /app/bin/api
# CHECK: no listing of the build context was available, so files the app may read at run time from /app (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.
USER 65532:65532
ENTRYPOINT ["/app/bin/api"]
