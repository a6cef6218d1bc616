# syntax=docker/dockerfile:1
FROM golang:1.23 AS builder
WORKDIR /src
COPY . .
# A static binary, so it runs on gcr.io/distroless/static-debian12:nonroot.
ENV CGO_ENABLED=0
RUN <<EOF
set -eu
go mod download
go build -o /usr/local/bin/greeter ./cmd/greeter
EOF

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /src
COPY --from=builder /usr/local/bin/greeter /usr/local/bin/greeter
# CHECK: no listing of the build context was available, so files the app may read at run time from /src (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.
COPY <<EOT /etc/greeter.conf
greeting=hello
EOT
CMD ["greeter", "--config", "/etc/greeter.conf"]
