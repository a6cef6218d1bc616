FROM rust:1.79 AS builder
WORKDIR /usr/src/guestbook
COPY . .
RUN cargo build --release

FROM gcr.io/distroless/cc-debian12:nonroot
WORKDIR /usr/src/guestbook
COPY --from=builder /usr/src/guestbook/target/release/guestbook /usr/src/guestbook/target/release/guestbook
COPY --from=builder /usr/src/guestbook/Rocket.toml /usr/src/guestbook/Rocket.toml
COPY --from=builder /usr/src/guestbook/static /usr/src/guestbook/static
ENV ROCKET_ADDRESS=0.0.0.0
EXPOSE 8000
CMD ["./target/release/guestbook"]
