ARG NODE_VERSION=20
ARG APP_VERSION=1.4.2

FROM node:${NODE_VERSION}-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM nginx:1.27-alpine
LABEL org.opencontainers.image.version=${APP_VERSION}
COPY --from=build /app/dist /usr/share/nginx/html
EXPOSE 80
