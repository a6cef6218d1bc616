# syntax=docker/dockerfile:1

ARG JAVA_VERSION=21

# deps resolves the whole Maven dependency graph into the cache mount.
FROM maven:3.9-eclipse-temurin-${JAVA_VERSION} AS deps
WORKDIR /workspace
COPY .mvn/ .mvn/
COPY pom.xml ./
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp dependency:go-offline

# package builds the Spring Boot jar and splits it into layers.
FROM deps AS package
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -DskipTests package \
 && cp target/*.jar target/application.jar \
 && java -Djarmode=tools -jar target/application.jar extract --layers --launcher --destination /workspace/extracted

FROM deps AS verify
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp verify

FROM eclipse-temurin:${JAVA_VERSION}-jre-jammy AS runtime
RUN groupadd --system spring \
 && useradd --system --gid spring --home-dir /app spring
WORKDIR /app
COPY --from=package /workspace/extracted/dependencies/ ./
COPY --from=package /workspace/extracted/spring-boot-loader/ ./
COPY --from=package /workspace/extracted/snapshot-dependencies/ ./
COPY --from=package /workspace/extracted/application/ ./
USER spring:spring
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
