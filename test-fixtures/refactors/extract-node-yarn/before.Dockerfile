FROM node:18-bookworm
WORKDIR /usr/src/app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
RUN yarn build && yarn test
EXPOSE 8080
CMD ["node", "build/index.js"]
