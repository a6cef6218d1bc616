FROM gradle:8.8-jdk17-alpine AS builder
WORKDIR /home/gradle/project
COPY --chown=gradle:gradle . .
RUN gradle bootJar --no-daemon

FROM eclipse-temurin:17-jre-alpine
WORKDIR /home/gradle/project
COPY --from=builder /home/gradle/project/build/libs/*.jar /home/gradle/project/build/libs/
EXPOSE 8080
CMD java -jar build/libs/*.jar
