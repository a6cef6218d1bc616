FROM maven:3.9-eclipse-temurin-21 AS builder
WORKDIR /usr/src/relay
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY src ./src
RUN mvn -B package -DskipTests && mvn -B dependency:copy-dependencies -DoutputDirectory=target/lib

FROM eclipse-temurin:21-jre
WORKDIR /usr/src/relay
COPY --from=builder /usr/src/relay/target/relay-1.0.jar /usr/src/relay/target/relay-1.0.jar
COPY --from=builder /usr/src/relay/target/lib /usr/src/relay/target/lib
EXPOSE 8080
CMD ["java", "-cp", "target/relay-1.0.jar:target/lib/*", "com.acme.Main"]
