FROM golang:1.23-bookworm AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# A static binary, so it runs on gcr.io/distroless/static-debian12.
ENV CGO_ENABLED=0
RUN go build -ldflags="-s -w" -o /out/dash .

FROM gcr.io/distroless/static-debian12
WORKDIR /src
COPY --from=builder /out/dash /out/dash
USER 65532:65532
ENTRYPOINT ["/out/dash"]
