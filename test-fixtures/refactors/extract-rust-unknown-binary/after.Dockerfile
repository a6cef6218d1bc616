FROM rust:1.79-alpine AS builder
RUN apk add --no-cache musl-dev
WORKDIR /build
COPY . .
RUN cargo build --release

FROM alpine:3.20
WORKDIR /build
# CHECK: could not infer what the build produces, so this copies /build/target/release; narrow it to what the image needs at run time.
COPY --from=builder /build/target/release /build/target/release
CMD ["sh", "-c", "exec /build/target/release/$APP_NAME"]
