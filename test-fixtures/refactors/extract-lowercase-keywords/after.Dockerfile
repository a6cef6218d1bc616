from rust:1.80-slim-bookworm as builder
workdir /app
copy . .
run cargo build --release --bin web

from gcr.io/distroless/cc-debian12:nonroot
workdir /app
copy --from=builder /app/target/release/web /app/target/release/web
# CHECK: no listing of the build context was available, so files the app may read at run time from /app (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.
expose 80
cmd ["/app/target/release/web"]
