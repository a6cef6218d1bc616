FROM golang:1.22 AS builder
WORKDIR /go/src/app
COPY . .
RUN go get -d -v ./...
# A static binary, so it runs on gcr.io/distroless/static-debian12:nonroot.
ENV CGO_ENABLED=0
RUN go install -v ./...

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /go/src/app
COPY --from=builder /go/bin /usr/local/bin
EXPOSE 8080
CMD ["shortener"]
