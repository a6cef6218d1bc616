FROM rust:1.79 AS builder
ENV RUST_LOG=info
WORKDIR /usr/src
RUN USER=root cargo new --bin ledgerd
WORKDIR /usr/src/ledgerd
COPY Cargo.toml ./
RUN cargo build --release && rm src/*.rs
COPY src ./src
RUN cargo install --path .

FROM gcr.io/distroless/cc-debian12:nonroot
ENV RUST_LOG=info
WORKDIR /usr/src
WORKDIR /usr/src/ledgerd
COPY --from=builder /usr/local/cargo/bin/ledgerd /usr/local/bin/ledgerd
CMD ["ledgerd"]
