# tools installs the build tools.
FROM golang:1.22 AS tools
RUN go install golang.org/x/tools/cmd/stringer@v0.24.0

FROM alpine:3.20 AS assets
RUN mkdir -p /assets && echo ok > /assets/health

FROM tools AS build
WORKDIR /src
COPY . .
RUN go generate ./... && go build -o /out/app .

FROM alpine:3.20
COPY --from=1 /assets /assets
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
