FROM node:12 AS builder
RUN npm install -g serve
RUN mkdir -p /usr/src/app
WORKDIR /usr/src/app
COPY package* /usr/src/app/
RUN npm ci --silent && npm cache clean --force
COPY . /usr/src/app
ENV NODE_ENV=production
RUN npm run build

FROM node:12-slim
RUN npm install -g serve
WORKDIR /usr/src/app
ENV NODE_ENV=production
COPY --from=builder /usr/src/app/build /usr/src/app/build
USER node
CMD [ "serve", "-s", "build", "-l", "8080" ]
EXPOSE 8080
