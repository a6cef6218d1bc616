FROM rust:1.79 AS build
WORKDIR /src
COPY . .
RUN cargo build --release --bin tool

FROM debian:bookworm-slim
COPY --from=build /src/target/release/tool /usr/local/bin/tool
COPY --from=build /src/LICENSE /usr/share/doc/tool/LICENSE
ENTRYPOINT ["tool"]
