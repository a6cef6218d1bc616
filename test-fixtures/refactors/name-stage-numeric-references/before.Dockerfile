FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM alpine:3.20
COPY --from=0 /out/app /usr/local/bin/app
COPY --from=0 /src/config /etc/app
ENTRYPOINT ["app"]
