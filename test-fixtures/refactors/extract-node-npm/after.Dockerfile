FROM node:20 AS builder
WORKDIR /app
ENV NODE_ENV=production
# Dependencies first, for the layer cache.
COPY package.json package-lock.json ./
RUN npm ci --include=dev
COPY . .
RUN npm run build

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
# Dependencies first, for the layer cache.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --from=builder /app/dist /app/dist
EXPOSE 3000
USER node
CMD ["node", "dist/server.js"]
