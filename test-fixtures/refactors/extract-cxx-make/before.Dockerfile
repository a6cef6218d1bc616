FROM gcc:13
WORKDIR /src
COPY . .
RUN make -j"$(nproc)" release
CMD ["./hello", "--greeting", "hi"]
