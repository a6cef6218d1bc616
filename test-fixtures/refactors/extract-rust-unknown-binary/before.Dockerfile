FROM rust:1.79-alpine
RUN apk add --no-cache musl-dev
WORKDIR /build
COPY . .
RUN cargo build --release
CMD ["sh", "-c", "exec /build/target/release/$APP_NAME"]
