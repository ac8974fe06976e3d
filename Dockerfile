# Same build and start command as the README: mvn -B package -DskipTests, then
# java @config/jvm.options -jar target/payment-session-adapter.jar from /app (config/ and routes/ beside it).
FROM maven:3.9.9-eclipse-temurin-21 AS build
WORKDIR /build
COPY pom.xml .
COPY src src
# the build's training start (pom.xml, class-data-archive) reads them
COPY config config
COPY routes routes
RUN mvn -B package -DskipTests

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --no-create-home adapter
WORKDIR /app
COPY --from=build /build/target/payment-session-adapter.jar target/payment-session-adapter.jar
COPY --from=build /build/target/lib target/lib
COPY config config
COPY routes routes
# The class-data archive of a start (README "Start-up"), made by this image's own JVM as the build makes it
# (pom.xml, class-data-archive): one start of one second on free ports, in local mode
RUN ADAPTER_MODE=local HTTP_PORT=0 MANAGEMENT_PORT=0 CAMEL_MAIN_DURATIONMAXSECONDS=1 \
    java -XX:ArchiveClassesAtExit=target/payment-session-adapter.jsa -jar target/payment-session-adapter.jar >/dev/null
USER adapter
EXPOSE 8080 9876
# exec form: java is PID 1 and gets the SIGTERM itself (graceful stop, exit 0); config/jvm.options holds the
# JVM flags of the README's start command (heap, exit on OutOfMemoryError, the class-data archive)
CMD ["java", "@config/jvm.options", "-jar", "target/payment-session-adapter.jar"]
