FROM golang:1.22 AS builder
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM golang:1.22 AS test
WORKDIR /src
RUN --mount=type=bind,from=builder,source=/src,target=/src go test ./...

FROM alpine:3.20
COPY --from=builder /out/app /app
ENTRYPOINT ["/app"]
