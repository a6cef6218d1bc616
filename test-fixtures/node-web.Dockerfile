# syntax=docker/dockerfile:1

ARG NODE_VERSION=20.15.1

# base pins the Node.js runtime shared by every other stage.
FROM node:${NODE_VERSION}-bookworm-slim AS base
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1

# deps installs all dependencies, dev ones included, for building and testing.
FROM base AS deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --include=dev

FROM deps AS build
COPY . .
RUN npm run build

FROM deps AS lint
COPY . .
RUN npm run lint && npm run typecheck

FROM deps AS test
COPY . .
RUN npm test -- --run

# prod-deps keeps only the packages the server needs at run time.
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts

FROM base AS runtime
COPY --chown=node:node --from=prod-deps /app/node_modules ./node_modules
COPY --chown=node:node --from=build /app/.next/standalone ./
COPY --chown=node:node --from=build /app/.next/static ./.next/static
COPY --chown=node:node public ./public
USER node
EXPOSE 3000
ENV PORT=3000 \
    HOSTNAME=0.0.0.0
CMD ["node", "server.js"]
