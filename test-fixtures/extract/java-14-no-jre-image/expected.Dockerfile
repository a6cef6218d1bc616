FROM maven:3.6.3-openjdk-14 AS builder
WORKDIR /usr/src/app
COPY . .
RUN mvn -q package

FROM eclipse-temurin:17-jre
WORKDIR /usr/src/app
COPY --from=builder /usr/src/app/target/legacy.jar /usr/src/app/target/legacy.jar
CMD ["java", "-jar", "/usr/src/app/target/legacy.jar"]
