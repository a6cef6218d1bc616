FROM buildpack-deps:bookworm
WORKDIR /opt/tool
COPY . .
RUN sh ./configure --quiet && sh ./build.sh
CMD ["/opt/tool/out/tool"]
