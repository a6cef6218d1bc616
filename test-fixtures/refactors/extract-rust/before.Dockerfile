FROM rust:1.79
WORKDIR /usr/src/ripcat
COPY . .
RUN cargo build --release --locked
ENTRYPOINT ["/usr/src/ripcat/target/release/ripcat"]
