FROM rust:1.79 AS builder
WORKDIR /usr/src/shortener
COPY . .
RUN cargo build --release

FROM gcr.io/distroless/cc-debian12:nonroot
WORKDIR /usr/src/shortener
COPY --from=builder /usr/src/shortener/target/release/shortener /usr/src/shortener/target/release/shortener
EXPOSE 8000
CMD ["/usr/src/shortener/target/release/shortener", "--port", "8000"]
