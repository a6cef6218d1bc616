FROM rust:1.80-bookworm AS builder
RUN rustup target add x86_64-unknown-linux-musl
WORKDIR /build
COPY . .
RUN cargo build --release --target x86_64-unknown-linux-musl

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /build
COPY --from=builder /build/target/x86_64-unknown-linux-musl/release/probe /build/target/x86_64-unknown-linux-musl/release/probe
ENTRYPOINT ["/build/target/x86_64-unknown-linux-musl/release/probe"]
