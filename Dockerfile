# Same build and start command as the README: mvn -B package -DskipTests, then
# java -jar target/payment-session-adapter.jar from /app (config/ and routes/ beside it).
FROM maven:3.9.9-eclipse-temurin-21 AS build
WORKDIR /build
COPY pom.xml .
COPY src src
RUN mvn -B package -DskipTests

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --no-create-home adapter
WORKDIR /app
COPY --from=build /build/target/payment-session-adapter.jar target/payment-session-adapter.jar
COPY --from=build /build/target/lib target/lib
COPY config config
COPY routes routes
USER adapter
EXPOSE 8080 9876
# Memory (README, Memory): the JVM exits on an OutOfMemoryError rather than run on half-broken, and the
# heap is 75% of the container's memory limit (a 768 MB limit gives the recommended ~512 MB heap)
ENV JAVA_TOOL_OPTIONS="-XX:+ExitOnOutOfMemoryError -XX:MaxRAMPercentage=75"
# exec form: java is PID 1 and gets the SIGTERM itself (graceful stop, exit 0)
CMD ["java", "-jar", "target/payment-session-adapter.jar"]
