FROM node:20-alpine AS builder
WORKDIR /app
RUN npm install -g serve@14
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-alpine
WORKDIR /app
RUN npm install -g serve@14
COPY --from=builder /app/build /app/build
EXPOSE 3000
USER node
CMD ["serve", "-s", "build", "-l", "3000"]
