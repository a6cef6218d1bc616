FROM node:20-alpine
WORKDIR /usr/src/app
# Everything at once.
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci && \
    npm run build
CMD ["node", "dist/index.js"]
