FROM gcc:13 AS builder
WORKDIR /usr/src/wordfreq
COPY . .
RUN make release

FROM debian:bookworm-slim
WORKDIR /usr/src/wordfreq
# g++ of gcc:13 links a newer libstdc++ than debian:bookworm-slim ships: the runtime takes the builder's.
COPY --from=builder /usr/local/lib64/libstdc++.so.6 /usr/local/lib64/libgcc_s.so.1 /usr/local/lib64/
ENV LD_LIBRARY_PATH=/usr/local/lib64
COPY --from=builder /usr/src/wordfreq/wordfreq /usr/src/wordfreq/wordfreq
ENTRYPOINT ["./wordfreq"]
CMD ["--top", "10"]
