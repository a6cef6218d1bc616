# Stages here have no names; later stages refer to earlier ones by position.

FROM golang:1.22-alpine
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /bin/hello ./cmd/hello

FROM node:20-alpine
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci
COPY web/ ./
RUN npm run build

FROM alpine:3.20
RUN apk add --no-cache ca-certificates \
 && adduser -D -H -u 10001 hello
COPY --from=0 /bin/hello /usr/local/bin/hello
COPY --from=1 /web/dist /srv/www
USER hello
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/hello"]
CMD ["--static-dir=/srv/www"]
