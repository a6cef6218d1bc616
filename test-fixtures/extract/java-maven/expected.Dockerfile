FROM maven:3.9-eclipse-temurin-17 AS builder
WORKDIR /build
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY src ./src
RUN mvn -B package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /build
COPY --from=builder /build/target/billing-1.4.0.jar /build/target/billing-1.4.0.jar
CMD ["java", "-jar", "target/billing-1.4.0.jar"]
