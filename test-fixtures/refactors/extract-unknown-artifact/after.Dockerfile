FROM buildpack-deps:bookworm AS builder
WORKDIR /opt/tool
COPY . .
RUN sh ./configure --quiet && sh ./build.sh

FROM debian:bookworm-slim
WORKDIR /opt/tool
# CHECK: could not infer what the build produces, so this copies /opt/tool; narrow it to what the image needs at run time.
COPY --from=builder /opt/tool /opt/tool
# CHECK: no listing of the build context was available, so files the app may read at run time from /opt/tool (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.
CMD ["/opt/tool/out/tool"]
