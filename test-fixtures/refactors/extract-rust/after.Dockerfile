FROM rust:1.79 AS builder
WORKDIR /usr/src/ripcat
COPY . .
RUN cargo build --release --locked

FROM gcr.io/distroless/cc-debian12:nonroot
WORKDIR /usr/src/ripcat
COPY --from=builder /usr/src/ripcat/target/release/ripcat /usr/src/ripcat/target/release/ripcat
ENTRYPOINT ["/usr/src/ripcat/target/release/ripcat"]
