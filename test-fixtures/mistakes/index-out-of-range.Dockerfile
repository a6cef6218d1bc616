FROM golang:1.22-alpine
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/ingest ./cmd/ingest

FROM alpine:3.20
RUN apk add --no-cache ca-certificates tzdata

FROM alpine:3.20
COPY --from=1 /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=1 /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=0 /out/ingest /usr/local/bin/ingest
COPY --from=5 /out/ingest.yaml /etc/ingest/ingest.yaml
ENTRYPOINT ["/usr/local/bin/ingest"]
