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
# CHECK: no listing of the build context was available, so files the app may read at run time from /app (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.
EXPOSE 3000
USER node
CMD ["node", "dist/server.js"]
