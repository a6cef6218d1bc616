FROM node:18-bookworm AS builder
WORKDIR /usr/src/app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
RUN yarn build && yarn test

FROM node:18-bookworm-slim
WORKDIR /usr/src/app
COPY package.json yarn.lock ./
RUN yarn install --production --frozen-lockfile
COPY --from=builder /usr/src/app/build /usr/src/app/build
EXPOSE 8080
USER node
CMD ["node", "build/index.js"]
