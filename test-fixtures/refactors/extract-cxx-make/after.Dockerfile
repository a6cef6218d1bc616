FROM gcc:13 AS builder
WORKDIR /src
COPY . .
RUN make -j"$(nproc)" release

FROM debian:bookworm-slim
WORKDIR /src
COPY --from=builder /src/hello /src/hello
CMD ["./hello", "--greeting", "hi"]
