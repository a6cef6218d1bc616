FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM deps AS build
COPY . .
RUN npm run build

FROM node:20-slim
WORKDIR /app
COPY --from=0 /app/node_modules ./node_modules
COPY --from=1 /app/dist ./dist
CMD ["node", "dist/index.js"]
