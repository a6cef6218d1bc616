FROM node:20 AS builder
WORKDIR /repo
COPY package.json package-lock.json ./
COPY packages/api/package.json ./packages/api/
COPY packages/shared/package.json ./packages/shared/
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-slim
WORKDIR /repo
COPY package.json package-lock.json ./
COPY packages/api/package.json ./packages/api/
COPY packages/shared/package.json ./packages/shared/
RUN npm ci --omit=dev
COPY --from=builder /repo/packages /repo/packages
ENV NODE_ENV=production PORT=8080
EXPOSE 8080
USER node
CMD ["node", "packages/api/dist/index.js"]
