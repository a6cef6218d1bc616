FROM oven/bun:1.1 AS builder
WORKDIR /usr/src/app
COPY package.json bun.lock ./
RUN bun install --frozen-lockfile
COPY . .
RUN bun run build

FROM oven/bun:1.1-slim
WORKDIR /usr/src/app
COPY package.json bun.lock ./
RUN bun install --production --frozen-lockfile
COPY --from=builder /usr/src/app/dist /usr/src/app/dist
ENV NODE_ENV=production
EXPOSE 3000
USER bun
CMD ["bun", "run", "dist/index.js"]
