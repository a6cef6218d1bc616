FROM node:20-alpine AS web
WORKDIR /web
COPY web/ ./
RUN npm ci && npm run build

FROM nginx:1.27-alpine AS runtime
COPY --from=web /web/dist /usr/share/nginx/html
COPY --from=config /out/default.conf /etc/nginx/conf.d/default.conf
COPY --from=2 /out/security-headers.conf /etc/nginx/snippets/security-headers.conf
EXPOSE 80

# config renders the nginx configuration; it was added below the stage that uses it.
FROM alpine:3.20 AS config
RUN apk add --no-cache gettext
COPY nginx/ /tmp/nginx/
RUN mkdir -p /out \
 && envsubst '${SERVER_NAME}' < /tmp/nginx/default.conf.tmpl > /out/default.conf \
 && cp /tmp/nginx/security-headers.conf /out/
