FROM node:14-buster AS builder
WORKDIR /srv/billing
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json ./
COPY src ./src
RUN npm run build

FROM node:14-buster-slim
WORKDIR /srv/billing
COPY package.json package-lock.json ./
RUN npm ci --production
COPY --from=builder /srv/billing/dist /srv/billing/dist
ENV PORT=4000
EXPOSE 4000
USER node
CMD ["node", "dist/server.js"]
