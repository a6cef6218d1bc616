FROM node:20-alpine AS builder
RUN apk add --no-cache python3 make g++
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-alpine
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
COPY --from=builder /usr/src/app/dist /usr/src/app/dist
COPY --from=builder /usr/src/app/node_modules /usr/src/app/node_modules
# node_modules comes from the builder, which compiled its native addons; the devDependencies go.
RUN npm prune --omit=dev
EXPOSE 3000
USER node
CMD ["node", "dist/index.js"]
