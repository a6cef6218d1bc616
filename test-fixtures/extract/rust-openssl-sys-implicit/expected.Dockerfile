FROM rust:1.78-bookworm AS builder
WORKDIR /usr/src/fetcher
COPY . .
RUN cargo build --release

FROM debian:bookworm-slim
WORKDIR /usr/src/fetcher
# The runtime libraries of libssl-dev, and what OpenSSL loads (ca-certificates).
RUN apt-get update && apt-get install -y --no-install-recommends libssl3 ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=builder /usr/src/fetcher/target/release/fetcher /usr/src/fetcher/target/release/fetcher
CMD ["./target/release/fetcher"]
