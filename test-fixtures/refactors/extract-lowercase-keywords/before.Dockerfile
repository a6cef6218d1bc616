from rust:1.80-slim-bookworm as app
workdir /app
copy . .
run cargo build --release --bin web
expose 80
cmd ["/app/target/release/web"]
