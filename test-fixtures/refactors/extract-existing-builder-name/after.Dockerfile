ARG NODE_VERSION=20
ARG ALPINE_VERSION=3.20

# builder bundles the web assets.
FROM node:${NODE_VERSION}-alpine AS builder
WORKDIR /web
COPY web/ .
RUN npm ci && npm run build

# The API server, serving the assets.
FROM golang:1.22-alpine${ALPINE_VERSION} AS builder-2
WORKDIR /src
COPY . .
COPY --from=builder /web/dist ./static
RUN CGO_ENABLED=0 go build -o /srv/api ./cmd/api

FROM alpine:${ALPINE_VERSION}
WORKDIR /src
COPY --from=builder-2 /srv/api /srv/api
# CHECK: no listing of the build context was available, so files the app may read at run time from /src (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.
COPY --from=0 /web/dist /srv/static
ENTRYPOINT ["/srv/api"]
