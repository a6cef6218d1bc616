FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
ENV NODE_ENV=development
RUN npm ci
COPY . .
RUN npm run build
CMD ["node", "dist/index.js"]
