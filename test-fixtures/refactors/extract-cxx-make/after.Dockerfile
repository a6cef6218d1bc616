FROM gcc:13 AS builder
WORKDIR /src
COPY . .
RUN make -j"$(nproc)" release

FROM debian:bookworm-slim
WORKDIR /src
# g++ of gcc:13 links a newer libstdc++ than debian:bookworm-slim ships: the runtime takes the builder's.
COPY --from=builder /usr/local/lib64/libstdc++.so.6 /usr/local/lib64/libgcc_s.so.1 /usr/local/lib64/
ENV LD_LIBRARY_PATH=/usr/local/lib64
COPY --from=builder /src/hello /src/hello
# CHECK: no listing of the build context was available, so files the app may read at run time from /src (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.
CMD ["./hello", "--greeting", "hi"]
