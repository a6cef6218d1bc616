FROM golang:1.22-alpine AS builder-alpine
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM golang:1.22-bookworm AS builder-debian
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM debian:bookworm-slim
ARG BUILDER_STAGE=builder-alpine
COPY --from=${BUILDER_STAGE} /out/app /usr/local/bin/app
COPY --from=$BUILDER_STAGE /src/LICENSE /usr/share/doc/app/LICENSE
RUN --mount=type=bind,from=$BUILDER_STAGE,source=/src/config,target=/tmp/config \
    cp /tmp/config/default.yaml /etc/app.yaml
ENTRYPOINT ["/usr/local/bin/app"]
