FROM node:20 AS deps
ARG NPM_REGISTRY=https://registry.npmjs.org/
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --registry=$NPM_REGISTRY

FROM deps AS build
ARG NPM_REGISTRY=https://registry.npmjs.org/
# From here on the sources change often.
COPY . .
RUN npm run build && npm config set registry "$NPM_REGISTRY"

FROM node:20-slim
COPY --from=1 /app/dist /app/dist
CMD ["node", "/app/dist/index.js"]
