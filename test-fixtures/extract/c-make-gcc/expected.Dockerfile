FROM gcc:13 AS builder
WORKDIR /usr/src/kv
COPY . .
RUN make

FROM gcr.io/distroless/cc-debian12:nonroot
WORKDIR /usr/src/kv
COPY --from=builder /usr/src/kv/kvd /usr/src/kv/kvd
EXPOSE 7000
CMD ["./kvd", "--port", "7000"]
