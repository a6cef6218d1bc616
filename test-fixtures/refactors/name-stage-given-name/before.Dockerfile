FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

from node:20-alpine
WORKDIR /app
COPY --from=0 /app/node_modules ./node_modules
COPY . .
CMD ["node", "index.js"]
