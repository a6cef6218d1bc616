FROM golang:1.21-bullseye AS builder
WORKDIR /go/src/hasher
COPY . .
RUN go build -o hasher .

FROM gcr.io/distroless/base-debian11:nonroot
WORKDIR /go/src/hasher
COPY --from=builder /go/src/hasher/hasher /go/src/hasher/hasher
ENTRYPOINT ["./hasher"]
