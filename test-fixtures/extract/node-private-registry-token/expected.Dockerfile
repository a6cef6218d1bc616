# syntax=docker/dockerfile:1
FROM node:20-alpine AS builder
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \
    echo "//npm.pkg.github.com/:_authToken=${NPM_TOKEN}" >> .npmrc && npm ci && rm -f .npmrc
COPY . .
RUN npm run build

FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN echo "//npm.pkg.github.com/:_authToken=${NPM_TOKEN}" >> .npmrc && npm ci --omit=dev && rm -f .npmrc
COPY --from=builder /app/dist /app/dist
EXPOSE 8080
USER node
CMD ["node", "dist/main.js"]
