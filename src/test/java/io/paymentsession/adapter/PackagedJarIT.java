package io.paymentsession.adapter;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Black box: the packaged jar started exactly as the README says ({@code java -jar
 * target/payment-session-adapter.jar} from the repository root), driven over HTTP, stopped with SIGTERM.
 */
class PackagedJarIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Process adapter;
    private int port;
    private int managementPort;
    private Path log;

    @AfterEach
    void kill() {
        if (adapter != null && adapter.isAlive()) {
            adapter.destroyForcibly();
        }
    }

    /** Starts the jar on free ports with its output in {@link #log}, under target/; {@code env} adds to the environment. */
    private void startJar(Map<String, String> env) throws IOException {
        startJar(List.of(), env);
    }

    private void startJar(List<String> jvmOptions, Map<String, String> env) throws IOException {
        port = RunningAdapter.freePort();
        managementPort = RunningAdapter.freePort();
        log = Files.createTempFile(Files.createDirectories(Path.of("target", "packaged-jar-logs")), "adapter-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", "target/payment-session-adapter.jar"));
        ProcessBuilder start = new ProcessBuilder(command)
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        start.environment().put("HTTP_PORT", Integer.toString(port));
        start.environment().put("MANAGEMENT_PORT", Integer.toString(managementPort));
        start.environment().putAll(env);
        adapter = start.start();
    }

    @Test
    void startsServesSessionsLogsNoKeyAndStopsOnSigterm() throws Exception {
        // the most talkative level a user may set: no key may appear even there
        startJar(Map.of("LOG_LEVEL", "DEBUG"));
        awaitHealthUp();
        assertEquals("{\"status\":\"UP\"}", get(managementPort, "/observe/health/ready").body().replace(" ", ""));
        assertEquals(200, get(managementPort, "/observe/health/live").statusCode());
        String metrics = get(managementPort, "/observe/metrics").body();
        assertTrue(metrics.contains("# TYPE"), "Prometheus text: " + metrics.substring(0, Math.min(200, metrics.length())));

        HttpResponse<String> created = post("{\"merchantId\":\"TESTMERCH01\",\"correlationId\":\"order-42\",\"authenticationLimit\":25}")
                .get(10, TimeUnit.SECONDS);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode session = json(created.body()).get("session");
        String id = session.get("id").asText();
        String aes256Key = session.get("aes256Key").asText();

        HttpResponse<String> fetched = get(port, "/api/v1/sessions/" + id);
        assertEquals(200, fetched.statusCode(), fetched.body());
        assertEquals(aes256Key, text(json(fetched.body()), "session.aes256Key"));
        assertEquals("order-42", text(json(fetched.body()), "correlationId"));

        stopWithSigterm();
        String output = Files.readString(log);
        assertTrue(output.contains("method=POST path=/api/v1/sessions status=201"), "access log line for the create");
        assertTrue(output.contains("method=GET path=/api/v1/sessions/" + id + " status=200"), "access log line for the read");
        assertFalse(output.contains(aes256Key), "the session's AES key appears in the log");
        assertFalse(output.contains(aes256Key.substring(0, 20)), "part of the session's AES key appears in the log");
    }

    @Test
    void sigtermLetsAnInFlightProviderCallFinish() throws Exception {
        try (StubUpstream gateway = StubUpstream.start(request -> StubUpstream.after(1_500, StubProviders.success().apply(request)))) {
            Path config = Files.createTempFile("adapter-", ".properties");
            Files.writeString(config, String.join("\n",
                    "adapter.mode = live",
                    "adapter.providers.mpgs-rest.url = " + gateway.url(),
                    "adapter.merchants.SLOW01.provider = mpgs-rest",
                    "adapter.merchants.SLOW01.provider-merchant-id = " + StubProviders.MPGS_MERCHANT,
                    "adapter.merchants.SLOW01.password = {{env:SLOW01_PASSWORD}}", ""));
            startJar(Map.of("ADAPTER_CONFIG", config.toString(), "SLOW01_PASSWORD", StubProviders.MPGS_PASSWORD,
                    "LOG_LEVEL", "DEBUG"));
            awaitHealthUp();

            CompletableFuture<HttpResponse<String>> inFlight = post("{\"merchantId\":\"SLOW01\",\"correlationId\":\"in-flight\"}");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (gateway.received().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(gateway.received().isEmpty(), "the request reached the gateway");
            adapter.destroy(); // SIGTERM while the gateway is still thinking

            HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
            assertEquals(201, response.statusCode(), response.body());
            assertEquals("in-flight", text(json(response.body()), "correlationId"));
            assertExitsWithZero();
            String output = Files.readString(log);
            assertFalse(output.contains(StubProviders.MPGS_PASSWORD), "the API password is in the log");
            assertFalse(output.contains(text(json(response.body()), "session.aes256Key")), "the session key is in the log");
        }
    }

    /**
     * The store is bounded by its size in bytes, not only by count: 2,500 sessions of about 50 KB each
     * (125 MB of requests) into a 128 MB heap, a quarter of what the README recommends, with the default
     * settings. Each is created, the oldest are evicted, and the adapter stays healthy throughout.
     */
    @Test
    void aSmallHeapFilledWithLargeSessionsKeepsAnsweringAndStaysHealthy() throws Exception {
        startJar(List.of("-Xmx128m"), Map.of());
        awaitHealthUp();
        String body = largestSession();
        assertTrue(body.length() > 45_000 && body.length() < 65_536, "about 50 KB: " + body.length());
        int sessions = 2_500;
        List<String> ids = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                created.add(callers.submit(() -> {
                    HttpResponse<String> response = post(body).get(30, TimeUnit.SECONDS);
                    assertEquals(201, response.statusCode(), response.body());
                    return text(json(response.body()), "session.id");
                }));
            }
            for (Future<String> id : created) {
                ids.add(id.get(60, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(200, get(managementPort, "/observe/health").statusCode(), read(log));
        assertEquals(404, get(port, "/api/v1/sessions/" + ids.get(0)).statusCode(), "the oldest session was evicted");
        assertEquals(200, get(port, "/api/v1/sessions/" + ids.get(sessions - 1)).statusCode(), "the newest is kept");
        stopWithSigterm();
        assertFalse(read(log).contains("OutOfMemoryError"), read(log));
    }

    /** A valid request near the largest: 100 tokens of 255 characters, 100 groups and 100 products on each filter side. */
    private static String largestSession() {
        String tokens = IntStream.range(0, 100).mapToObj(i -> "\"" + String.format("%03d", i) + "t".repeat(252) + "\"")
                .collect(Collectors.joining(",", "[", "]"));
        String groups = IntStream.range(0, 100).mapToObj(i -> "\"" + String.format("%03d", i) + "g".repeat(97) + "\"")
                .collect(Collectors.joining(",", "[", "]"));
        String products = IntStream.range(0, 100).mapToObj(i -> Integer.toString(1_000_000 + i))
                .collect(Collectors.joining(",", "[", "]"));
        String side = "{\"groups\":" + groups + ",\"products\":" + products + "}";
        return "{\"merchantId\":\"TESTMERCH01\",\"correlationId\":\"large\",\"tokens\":" + tokens
                + ",\"paymentProductFilters\":{\"restrictTo\":" + side + ",\"exclude\":" + side + "}}";
    }

    @Test
    void refusesToStartWithAMerchantMissingItsCredentialNamingTheKey() throws Exception {
        Path config = Files.createTempFile("adapter-", ".properties");
        Files.writeString(config, "adapter.providers.mpgs-rest.url = https://127.0.0.1:9\n"
                + "adapter.merchants.TESTMERCH01.provider = mpgs-rest\n");
        startJar(Map.of("ADAPTER_CONFIG", config.toString()));
        assertTrue(adapter.waitFor(60, TimeUnit.SECONDS), "exits by itself");
        assertEquals(1, adapter.exitValue());
        String output = Files.readString(log);
        assertTrue(output.contains("cannot start: adapter.merchants.TESTMERCH01.password: missing"), output);
        assertFalse(output.contains("\tat "), "no stack trace for a configuration mistake:\n" + output);
    }

    private void stopWithSigterm() throws InterruptedException {
        adapter.destroy(); // SIGTERM
        assertExitsWithZero();
    }

    private void assertExitsWithZero() throws InterruptedException {
        assertTrue(adapter.waitFor(40, TimeUnit.SECONDS), "stopped after SIGTERM");
        assertEquals(0, adapter.exitValue(), "exit status after SIGTERM");
    }

    private void awaitHealthUp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(adapter.isAlive(), () -> "the adapter exited early:\n" + read(log));
            try {
                HttpResponse<String> health = get(managementPort, "/observe/health");
                if (health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not healthy within 60 s:\n" + read(log));
    }

    private CompletableFuture<HttpResponse<String>> post(String json) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
