FROM debian:bookworm AS builder
RUN apt-get update && apt-get install -y --no-install-recommends g++ cmake make && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j && cmake --install build && ldconfig

FROM debian:bookworm-slim
WORKDIR /src
# CHECK: could not infer what the build produces, so this copies /usr/local/bin/geocoder; narrow it to what the image needs at run time.
COPY --from=builder /usr/local/bin/geocoder /usr/local/bin/geocoder
COPY --from=builder /usr/local/lib /usr/local/lib
# geocoder loads the shared libraries the project installs into /usr/local/lib.
ENV LD_LIBRARY_PATH=/usr/local/lib
CMD ["geocoder"]
