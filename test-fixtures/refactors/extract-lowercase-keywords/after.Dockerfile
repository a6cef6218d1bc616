from rust:1.80-slim-bookworm as builder
workdir /app
copy . .
run cargo build --release --bin web

from gcr.io/distroless/cc-debian12:nonroot
workdir /app
copy --from=builder /app/target/release/web /app/target/release/web
expose 80
cmd ["/app/target/release/web"]
