FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

# lint runs the linters; nothing copies from it.
FROM deps AS lint
COPY . .
RUN npm run lint

FROM deps AS build
COPY . .
RUN npm run build

FROM node:20-slim
WORKDIR /app
COPY --from=0 /app/node_modules ./node_modules
COPY --from=2 /app/dist ./dist
CMD ["node", "dist/index.js"]
