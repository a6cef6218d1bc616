FROM golang:1.22-alpine3.19 AS builder
RUN apk add --no-cache gcc musl-dev sqlite-dev
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ENV CGO_ENABLED=1
RUN go build -tags libsqlite3 -o /usr/local/bin/notes ./cmd/notes

FROM alpine:3.19
WORKDIR /src
ENV CGO_ENABLED=1
# The runtime libraries of sqlite-dev.
RUN apk add --no-cache sqlite-libs
COPY --from=builder /usr/local/bin/notes /usr/local/bin/notes
CMD ["notes"]
