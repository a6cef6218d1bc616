FROM golang:1.22 AS Builder
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM builder AS test
RUN go test ./...

FROM alpine:3.20
COPY --from=BUILDER /out/app /app
ENTRYPOINT ["/app"]
