# syntax=docker/dockerfile:1
FROM golang:1.23
WORKDIR /src
COPY . .
RUN <<EOF
set -eu
go mod download
go build -o /usr/local/bin/greeter ./cmd/greeter
EOF
COPY <<EOT /etc/greeter.conf
greeting=hello
EOT
CMD ["greeter", "--config", "/etc/greeter.conf"]
