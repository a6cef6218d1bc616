FROM node:16 AS builder
WORKDIR /home/node/app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
RUN yarn build

FROM node:16-slim
WORKDIR /home/node/app
COPY package.json yarn.lock ./
RUN yarn install --production --frozen-lockfile
COPY --from=builder /home/node/app/out /home/node/app/out
COPY --from=builder /home/node/app/locales /home/node/app/locales
EXPOSE 8080
USER node
CMD ["yarn", "start"]
