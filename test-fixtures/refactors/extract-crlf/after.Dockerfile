FROM golang:1.22-alpine AS builder
WORKDIR /src
COPY . .
RUN go build -o /bin/hello .

FROM alpine:3.20
WORKDIR /src
COPY --from=builder /bin/hello /bin/hello
ENTRYPOINT ["/bin/hello"]
