FROM node:20
WORKDIR /app
ENV NODE_ENV=production
# Dependencies first, for the layer cache.
COPY package.json package-lock.json ./
RUN npm ci --include=dev
COPY . .
RUN npm run build
EXPOSE 3000
USER node
CMD ["node", "dist/server.js"]
