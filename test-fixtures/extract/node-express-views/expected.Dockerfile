FROM node:18-bookworm AS builder
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm install
COPY . .
RUN npm run build

FROM node:18-bookworm-slim
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm install --omit=dev
COPY --from=builder /usr/src/app/dist /usr/src/app/dist
COPY --from=builder /usr/src/app/public /usr/src/app/public
COPY --from=builder /usr/src/app/views /usr/src/app/views
EXPOSE 8080
USER node
CMD ["node", "dist/server.js"]
