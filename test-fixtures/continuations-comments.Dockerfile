# syntax=docker/dockerfile:1

FROM debian:bookworm-slim AS toolchain
RUN apt-get update \
    # build tools for the native extension
    && apt-get install -y --no-install-recommends \
        build-essential \
        # pkg-config finds libpq for the postgres driver
        pkg-config \
        libpq-dev \
        # python3 is only needed by node-gyp
        python3 \
    && rm -rf /var/lib/apt/lists/*

# codegen produces the protocol stubs that the app compiles against.
FROM toolchain AS codegen
WORKDIR /src
COPY proto/ proto/
COPY scripts/gen-stubs.sh scripts/
RUN mkdir -p /out/gen \
 && sh scripts/gen-stubs.sh proto /out/gen

FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \    
    # the native module is compiled against the codegen stage's headers
    --mount=type=bind,from=codegen,source=/out/gen,target=/app/gen \
    # --mount=type=bind,from=toolchain,source=/usr/include,target=/usr/local/include \
    npm ci \
 && npm run build:native
COPY . .
RUN npm run build \  
 && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
COPY --link \
     --from=build \
     /app/node_modules ./node_modules
COPY --from=build \
     # dist holds the compiled server and the native addon
     /app/dist ./dist
COPY package.json ./
USER node
CMD ["node", "dist/server.js"]
