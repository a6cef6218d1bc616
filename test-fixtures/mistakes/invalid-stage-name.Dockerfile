FROM node:20-alpine AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM deps AS build
COPY . .
RUN npm run build

FROM nginx:1.27-alpine AS 2-runtime
COPY --from=build /app/dist /usr/share/nginx/html
EXPOSE 80
