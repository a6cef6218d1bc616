FROM gradle:8.8-jdk17-alpine
WORKDIR /home/gradle/project
COPY --chown=gradle:gradle . .
RUN gradle bootJar --no-daemon
EXPOSE 8080
CMD java -jar build/libs/*.jar
