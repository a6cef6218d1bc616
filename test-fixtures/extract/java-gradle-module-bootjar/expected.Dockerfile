FROM eclipse-temurin:17-jdk AS builder
WORKDIR /workspace
COPY . .
RUN ./gradlew :app:bootJar --no-daemon

FROM eclipse-temurin:17-jre
WORKDIR /workspace
COPY --from=builder /workspace/app/build/libs/app.jar /workspace/app/build/libs/app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "app/build/libs/app.jar"]
