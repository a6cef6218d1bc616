FROM golang:1.22-bookworm AS builder
WORKDIR /srv
COPY . .
# A static binary, so it runs on gcr.io/distroless/static-debian12:nonroot.
ENV CGO_ENABLED=0
RUN go build -o bin/motd .

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /srv
COPY --from=builder /srv/bin/motd /srv/bin/motd
COPY --from=builder /srv/banner.txt /srv/banner.txt
COPY --from=builder /srv/config.yaml /srv/config.yaml
CMD ["bin/motd", "--config", "config.yaml"]
