FROM golang:1.22-bookworm

RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /go/src/app
COPY go.mod go.sum ./
RUN go mod download

COPY . .
RUN go build -o /usr/local/bin/linkshort ./cmd/linkshort

EXPOSE 8080
CMD ["linkshort", "--addr=:8080"]
