FROM node:18-alpine AS builder
WORKDIR /usr/src/bot
RUN npm install -g pnpm@8
COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm run build

FROM node:18-alpine
WORKDIR /usr/src/bot
COPY package.json pnpm-lock.yaml ./
RUN npm install -g pnpm@8 && pnpm install --prod --frozen-lockfile
COPY --from=builder /usr/src/bot/lib /usr/src/bot/lib
USER node
CMD ["pnpm", "start"]
