FROM rust:1.79 AS builder
WORKDIR /usr/src/ripcat
COPY . .
RUN cargo build --release --locked

FROM gcr.io/distroless/cc-debian12:nonroot
WORKDIR /usr/src/ripcat
COPY --from=builder /usr/src/ripcat/target/release/ripcat /usr/src/ripcat/target/release/ripcat
# CHECK: no listing of the build context was available, so files the app may read at run time from /usr/src/ripcat (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.
ENTRYPOINT ["/usr/src/ripcat/target/release/ripcat"]
