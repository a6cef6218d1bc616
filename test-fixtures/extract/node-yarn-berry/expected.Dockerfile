FROM node:20-bookworm AS builder
WORKDIR /srv/app
RUN corepack enable
COPY package.json yarn.lock .yarnrc.yml ./
RUN yarn install --immutable
COPY . .
RUN yarn build

FROM node:20-bookworm-slim
WORKDIR /srv/app
COPY package.json yarn.lock .yarnrc.yml ./
RUN corepack enable && yarn workspaces focus --all --production
COPY --from=builder /srv/app/build /srv/app/build
COPY --from=builder /srv/app/views /srv/app/views
EXPOSE 4000
USER node
CMD ["node", "build/server.js"]
