package io.paymentsession.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real adapter, started in this JVM the way {@code main} starts it (config/application.properties,
 * routes/*.yaml), on free ports, with a test's own properties on top.
 */
public final class RunningAdapter implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Main main;
    private final int port;
    private final int managementPort;

    private RunningAdapter(Main main, int port, int managementPort) {
        this.main = main;
        this.port = port;
        this.managementPort = managementPort;
    }

    public static RunningAdapter start(Map<String, String> properties) throws Exception {
        return start(Map.of(), properties);
    }

    /** @param env the environment variables main would see (ADAPTER_CONFIG...) */
    public static RunningAdapter start(Map<String, String> env, Map<String, String> properties) throws Exception {
        return start(env, properties, Map.of());
    }

    /** @param beans bound in Camel's registry before start-up, as an application embedding the adapter would */
    public static RunningAdapter start(Map<String, String> env, Map<String, String> properties, Map<String, Object> beans)
            throws Exception {
        int port = freePort();
        int managementPort = freePort();
        Properties overrides = new Properties();
        overrides.setProperty("camel.server.port", Integer.toString(port));
        overrides.setProperty("camel.management.port", Integer.toString(managementPort));
        overrides.putAll(properties);
        Main main = PaymentSessionAdapter.create(env, overrides);
        beans.forEach(main::bind);
        main.start();
        return new RunningAdapter(main, port, managementPort);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/api/v1/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** Waits up to 15 s for /observe/health/ready to answer this status; fails with the last answer otherwise. */
    public void awaitReady(int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HttpResponse<String> ready;
        do {
            ready = send(HttpRequest.newBuilder(managementUri("/observe/health/ready")).GET());
            if (ready.statusCode() == status) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertEquals(status, ready.statusCode(), ready.body());
    }

    @Override
    public void close() {
        main.stop();
    }
}
