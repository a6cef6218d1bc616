FROM node:20-alpine
WORKDIR /app
COPY . .
ENV NODE_ENV=development
RUN npm ci
RUN npm run build
CMD ["node", "dist/index.js"]
