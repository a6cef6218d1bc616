FROM eclipse-temurin:17-jdk AS builder
WORKDIR /workspace
COPY . .
RUN ./gradlew installDist --no-daemon

FROM eclipse-temurin:17-jre
WORKDIR /workspace
COPY --from=builder /workspace/build/install /workspace/build/install
COPY --from=builder /workspace/conf /workspace/conf
EXPOSE 9000
ENTRYPOINT ["build/install/ingest/bin/ingest"]
CMD ["--config", "conf/ingest.yaml"]
