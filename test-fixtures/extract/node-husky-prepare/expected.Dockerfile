FROM node:20-alpine AS builder
WORKDIR /usr/src/mailer
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-alpine
WORKDIR /usr/src/mailer
COPY package*.json ./
RUN npm pkg delete scripts.prepare && npm ci --omit=dev
COPY --from=builder /usr/src/mailer/dist /usr/src/mailer/dist
USER node
CMD ["npm", "start"]
