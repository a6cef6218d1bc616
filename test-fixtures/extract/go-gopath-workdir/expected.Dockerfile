FROM golang:1.21-alpine AS builder
WORKDIR $GOPATH/src/pinger
COPY go.mod ./
RUN go mod download
COPY *.go ./
RUN go build -v -o pinger

FROM alpine:3.20
# Set by golang:1.21-alpine, and read below.
ENV GOPATH=/go
WORKDIR $GOPATH/src/pinger
COPY --from=builder $GOPATH/src/pinger/pinger $GOPATH/src/pinger/pinger
EXPOSE 9000
ENTRYPOINT ["./pinger"]
