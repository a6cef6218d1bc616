FROM node:22 AS builder
RUN corepack enable
WORKDIR /srv
COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm run build

FROM node:22-slim
WORKDIR /srv
COPY package.json pnpm-lock.yaml ./
RUN corepack enable && pnpm install --prod --frozen-lockfile
COPY --from=builder /srv/public-dist /srv/public-dist
# CHECK: no listing of the build context was available, so files the app may read at run time from /srv (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.
USER node
CMD ["pnpm", "start"]
