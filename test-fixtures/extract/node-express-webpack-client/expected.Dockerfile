FROM node:20 AS builder
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm install
COPY . .
RUN npm run build

FROM node:20-slim
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm install --omit=dev
COPY --from=builder /usr/src/app/public/dist /usr/src/app/public/dist
COPY --from=builder /usr/src/app/public /usr/src/app/public
COPY --from=builder /usr/src/app/routes /usr/src/app/routes
COPY --from=builder /usr/src/app/server.js /usr/src/app/server.js
COPY --from=builder /usr/src/app/views /usr/src/app/views
EXPOSE 3000
USER node
CMD ["node", "server.js"]
