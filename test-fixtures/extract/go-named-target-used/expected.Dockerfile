FROM golang:1.22 AS builder
WORKDIR /src
COPY . .
# A static binary, so it runs on gcr.io/distroless/static-debian12:nonroot.
ENV CGO_ENABLED=0
RUN go build -o /bin/api ./cmd/api

FROM gcr.io/distroless/static-debian12:nonroot AS api
WORKDIR /src
COPY --from=builder /bin/api /bin/api
ENTRYPOINT ["/bin/api"]
