# Same build as the README (mvn -B package -DskipTests); the start is the README's with the container's JVM flags,
# java @config/jvm-container.options -jar target/payment-session-adapter.jar, from /app (config/ and routes/ beside it).
FROM maven:3.9.9-eclipse-temurin-21 AS build
WORKDIR /build
# the dependencies in a layer of their own: a change to the sources does not download them again
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY src src
# the build's training start (pom.xml, class-data-archive) reads them
COPY config config
COPY routes routes
RUN mvn -B package -DskipTests

FROM eclipse-temurin:21-jre
LABEL org.opencontainers.image.title="payment-session-adapter" \
      org.opencontainers.image.description="Apache Camel component that creates payment sessions at the merchant's provider (Mastercard Gateway REST and NVP, Worldline Connect, PaySecure) behind one canonical API" \
      org.opencontainers.image.version="0.1.0"
RUN groupadd --system --gid 10001 adapter && useradd --system --uid 10001 --gid 10001 --no-create-home adapter
WORKDIR /app
COPY --from=build /build/target/payment-session-adapter.jar target/payment-session-adapter.jar
COPY --from=build /build/target/lib target/lib
COPY config config
COPY routes routes
# The class-data archive of a start (README "Start-up"), made by this image's own JVM as the build makes it
# (pom.xml, class-data-archive): one start of one second on free ports, in local mode
RUN ADAPTER_MODE=local HTTP_PORT=0 MANAGEMENT_PORT=0 CAMEL_MAIN_DURATIONMAXSECONDS=1 \
    java -XX:ArchiveClassesAtExit=target/payment-session-adapter.jsa -jar target/payment-session-adapter.jar >/dev/null
# numeric, so Kubernetes' runAsNonRoot can check it (deploy/kubernetes/deployment.yaml)
USER 10001:10001
EXPOSE 8080 9876
# exec form: java is PID 1 and gets the SIGTERM itself (graceful stop, exit 0)
CMD ["java", "@config/jvm-container.options", "-jar", "target/payment-session-adapter.jar"]
