FROM debian:bookworm-slim AS fetch
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        ca-certificates \

        curl \
    && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL -o /tmp/tool.tar.gz https://downloads.example.com/tool/v2.1.0/tool-linux-amd64.tar.gz \
    && mkdir -p /opt/tool \

    && tar -xzf /tmp/tool.tar.gz -C /opt/tool

FROM debian:bookworm-slim
COPY --from=fetch /opt/tool /opt/tool
ENTRYPOINT ["/opt/tool/bin/tool"]
