FROM golang:1.22 AS builder
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM builder AS test
RUN go test ./...

FROM alpine:3.20
COPY --from=builder /out/app /app
ENTRYPOINT ["/app"]
