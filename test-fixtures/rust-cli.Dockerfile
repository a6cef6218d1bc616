# syntax=docker/dockerfile:1

ARG RUST_VERSION=1.79

# chef installs cargo-chef so that dependencies are compiled in their own layer.
FROM rust:${RUST_VERSION}-slim-bookworm AS chef
RUN cargo install cargo-chef --locked --version 0.1.67
WORKDIR /build

# planner turns the manifests into a dependency recipe.
FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /build/recipe.json recipe.json
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    cargo chef cook --release --locked --recipe-path recipe.json
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    cargo build --release --locked --bin ripcat \
 && install -Dm755 target/release/ripcat /out/ripcat

FROM builder AS check
RUN rustup component add clippy rustfmt \
 && cargo fmt --all -- --check \
 && cargo clippy --release --locked --all-targets -- -D warnings \
 && cargo test --release --locked

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=builder /out/ripcat /usr/local/bin/ripcat
USER 65534:65534
WORKDIR /data
ENTRYPOINT ["/usr/local/bin/ripcat"]
CMD ["--help"]
