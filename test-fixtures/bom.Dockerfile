# syntax=docker/dockerfile:1

# This file starts with a UTF-8 byte order mark, as some Windows editors save it.

# site builds the static documentation site with Hugo.
FROM hugomods/hugo:exts-0.128.2 AS site
WORKDIR /src
COPY . .
RUN hugo --minify --destination /out/public

FROM nginxinc/nginx-unprivileged:1.27-alpine AS web
COPY --link --from=site /out/public /usr/share/nginx/html
EXPOSE 8080
