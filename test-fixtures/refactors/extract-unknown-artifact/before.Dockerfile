FROM buildpack-deps:bookworm
WORKDIR /opt/tool
COPY . .
RUN ./configure --quiet && ./build.sh
CMD ["/opt/tool/out/tool"]
