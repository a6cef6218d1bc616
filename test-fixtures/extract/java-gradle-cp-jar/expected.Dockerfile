FROM gradle:8.8-jdk21 AS builder
WORKDIR /home/gradle/app
COPY --chown=gradle:gradle . .
RUN gradle bootJar --no-daemon
RUN cp build/libs/*-SNAPSHOT.jar app.jar

FROM eclipse-temurin:21-jre
WORKDIR /home/gradle/app
COPY --from=builder /home/gradle/app/app.jar /home/gradle/app/app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "app.jar"]
