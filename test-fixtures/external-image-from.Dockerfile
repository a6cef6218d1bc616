# syntax=docker/dockerfile:1

# Edge gateway image: nginx plus a few static tools taken straight from
# published images with COPY --from=<image>, and a CI image with buildx.

# config renders the nginx configuration from templates.
FROM alpine:3.20 AS config
RUN apk add --no-cache gettext
WORKDIR /work
COPY nginx/ ./
RUN mkdir -p /out \
 && envsubst '${UPSTREAM_HOST}' < templates/gateway.conf.tmpl > /out/gateway.conf

# ci is a runner image with the docker CLI and the buildx plugin.
FROM docker:27-cli AS ci
COPY --from=docker/buildx-bin /buildx /usr/libexec/docker/cli-plugins/docker-buildx
COPY --from=docker/compose-bin:v2.29.1 /docker-compose /usr/libexec/docker/cli-plugins/docker-compose
RUN docker buildx version && docker compose version

FROM alpine:3.20 AS gateway
RUN apk add --no-cache nginx tini \
 && mkdir -p /run/nginx
COPY --from=nginx:1.27 /etc/nginx/mime.types /etc/nginx/mime.types
COPY --from=nginx:1.27 /etc/nginx/fastcgi_params /etc/nginx/fastcgi_params
COPY --from=busybox:1.36-musl /bin/busybox /usr/local/bin/busybox
COPY --from=config /out/gateway.conf /etc/nginx/http.d/default.conf
RUN --mount=type=bind,from=busybox,source=/bin/busybox,target=/tmp/busybox \
    /tmp/busybox sha256sum /usr/local/bin/busybox > /etc/busybox.sha256
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s \
    CMD ["/usr/local/bin/busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["nginx", "-g", "daemon off;"]
