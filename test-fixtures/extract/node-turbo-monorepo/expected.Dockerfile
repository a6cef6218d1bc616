FROM node:20-slim AS builder
WORKDIR /repo
COPY package.json package-lock.json ./
COPY apps/api/package.json ./apps/api/
COPY packages/db/package.json ./packages/db/
RUN npm ci
COPY . .
RUN npx turbo run build --filter=api

FROM node:20-slim
WORKDIR /repo
COPY package.json package-lock.json ./
COPY apps/api/package.json ./apps/api/
COPY packages/db/package.json ./packages/db/
RUN npm ci --omit=dev
COPY --from=builder /repo/apps /repo/apps
COPY --from=builder /repo/packages /repo/packages
WORKDIR /repo/apps/api
EXPOSE 3000
USER node
CMD ["node", "dist/index.js"]
