FROM rust:1.79-alpine AS builder
RUN apk add --no-cache musl-dev
WORKDIR /build
COPY . .
RUN cargo build --release

FROM alpine:3.20
WORKDIR /build
# CHECK: could not infer what the build produces, so this copies /build/target/release; narrow it to what the image needs at run time.
COPY --from=builder /build/target/release /build/target/release
# CHECK: no listing of the build context was available, so files the app may read at run time from /build (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.
CMD ["sh", "-c", "exec /build/target/release/$APP_NAME"]
