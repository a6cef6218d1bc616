FROM node:20-bookworm AS builder
# Where the app lives.
WORKDIR /app

# Install build dependencies.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    # the dev dependencies are needed to build
    npm ci \
      --include=dev \
      --no-audit

COPY . .
# Bundle the app.
RUN npm run build \
 && npm prune --omit=dev

FROM node:20-bookworm-slim
# Where the app lives.
WORKDIR /app

# Install build dependencies.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --from=builder /app/dist /app/dist
# CHECK: no listing of the build context was available, so files the app may read at run time from /app (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.

# Runtime settings.
ENV NODE_ENV=production \
    PORT=8080
EXPOSE 8080
VOLUME ["/app/data"]
USER node
CMD ["node", "dist/main.js"]
