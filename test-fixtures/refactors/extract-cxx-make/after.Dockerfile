FROM gcc:13 AS builder
WORKDIR /src
COPY . .
RUN make -j"$(nproc)" release

FROM debian:bookworm-slim
WORKDIR /src
COPY --from=builder /src/hello /src/hello
# CHECK: no listing of the build context was available, so files the app may read at run time from /src (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.
CMD ["./hello", "--greeting", "hi"]
