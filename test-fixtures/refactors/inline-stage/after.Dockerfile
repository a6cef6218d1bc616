FROM alpine:3.20 AS assets
RUN mkdir -p /assets && echo ok > /assets/health

FROM golang:1.22 AS build
# tools installs the build tools.
RUN go install golang.org/x/tools/cmd/stringer@v0.24.0
WORKDIR /src
COPY . .
RUN go generate ./... && go build -o /out/app .

FROM alpine:3.20
COPY --from=0 /assets /assets
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
