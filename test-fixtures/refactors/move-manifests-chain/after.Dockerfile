FROM node:20-alpine
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
# Everything at once.
COPY . .
RUN --mount=type=cache,target=/root/.npm npm run build
CMD ["node", "dist/index.js"]
