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
# CHECK: no listing of the build context was available, so files the app may read at run time from /usr/src/app (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.
EXPOSE 8080
USER node
CMD ["node", "build/index.js"]
