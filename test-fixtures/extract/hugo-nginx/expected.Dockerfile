FROM nginx:1.27-alpine AS builder
RUN apk add --no-cache hugo
COPY . /site
RUN hugo --source /site --destination /usr/share/nginx/html --minify

FROM nginx:1.27-alpine
COPY --from=builder /usr/share/nginx/html /usr/share/nginx/html
EXPOSE 80
