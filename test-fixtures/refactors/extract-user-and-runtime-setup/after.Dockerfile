FROM golang:1.22 AS builder
RUN useradd --create-home app
WORKDIR /home/app/src
COPY --chown=app . .
USER app
RUN go build -o /home/app/bin/server .

FROM debian:bookworm-slim
RUN useradd --create-home app
WORKDIR /home/app/src
USER app
COPY --from=builder --chown=app /home/app/bin/server /home/app/bin/server
# CHECK: no listing of the build context was available, so files the app may read at run time from /home/app/src (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.
USER root
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
USER app
ENTRYPOINT ["/home/app/bin/server"]
