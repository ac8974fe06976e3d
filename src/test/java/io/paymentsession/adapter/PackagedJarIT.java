package io.paymentsession.adapter;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Black box: the packaged jar started exactly as the README says ({@code java -jar
 * target/payment-session-adapter.jar} from the repository root), driven over HTTP, stopped with SIGTERM.
 */
class PackagedJarIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final Path REPOSITORY = Path.of(System.getProperty("user.dir"));

    private Process adapter;
    private int port;
    private int managementPort;
    private Path log;
    private Path errors;

    @AfterEach
    void kill() {
        if (adapter != null && adapter.isAlive()) {
            adapter.destroyForcibly();
        }
    }

    /**
     * Starts the jar on free ports with its stdout in {@link #log} and stderr in {@link #errors}, under target/;
     * {@code env} adds to the environment.
     */
    private void startJar(Map<String, String> env) throws IOException {
        startJar(List.of(), env);
    }

    /** The README's start, {@code java @config/jvm.options -jar ...}, with a test's own JVM options after the file's. */
    private void startJar(List<String> jvmOptions, Map<String, String> env) throws IOException {
        List<String> options = new ArrayList<>(List.of("@config/jvm.options"));
        options.addAll(jvmOptions);
        startJarIn(REPOSITORY, Path.of("target/payment-session-adapter.jar"), options, env);
    }

    /** The same, from another working directory (its own config/ and routes/), with JVM options before -jar. */
    private void startJarIn(Path workingDirectory, Path jar, List<String> jvmOptions, Map<String, String> env) throws IOException {
        port = RunningAdapter.freePort();
        managementPort = RunningAdapter.freePort();
        Path logs = Files.createDirectories(REPOSITORY.resolve("target").resolve("packaged-jar-logs"));
        log = Files.createTempFile(logs, "adapter-", ".log");
        errors = Files.createTempFile(logs, "adapter-", ".err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder start = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectOutput(log.toFile())
                .redirectError(errors.toFile());
        start.environment().put("HTTP_PORT", Integer.toString(port));
        start.environment().put("MANAGEMENT_PORT", Integer.toString(managementPort));
        start.environment().putAll(env);
        adapter = start.start();
    }

    /** Fails unless the adapter's stdout holds text within a few of BufferedStdout's intervals. */
    private void awaitInLog(String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!read(log).contains(text)) {
            assertTrue(System.nanoTime() < deadline, "not on stdout after 2 s: " + text);
            Thread.sleep(20);
        }
    }

    /** In each log format (LOG_FORMAT, any case): in json every line of stdout is one JSON object. */
    @ParameterizedTest(name = "LOG_FORMAT={0}")
    @ValueSource(strings = {"text", "JSON"})
    void startsServesSessionsLogsNoKeyAndStopsOnSigterm(String format) throws Exception {
        boolean json = format.equals("JSON");
        // the most talkative level a user may set: no key may appear even there
        startJar(Map.of("LOG_LEVEL", "DEBUG", "LOG_FORMAT", format));
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
        String readLine = json ? "\"method\":\"GET\",\"path\":\"/api/v1/sessions/" + id + "\",\"provider\":\"local\",\"requestId\":\""
                : "method=GET path=/api/v1/sessions/" + id + " status=200";
        // stdout is written out in blocks (lifecycle/BufferedStdout): within its interval while the adapter runs
        awaitInLog(readLine);

        stopWithSigterm();
        String output = read(log) + read(errors);
        assertTrue(output.contains(json ? "\"method\":\"POST\",\"path\":\"/api/v1/sessions\",\"provider\":\"local\""
                : "method=POST path=/api/v1/sessions status=201"), "access log line for the create");
        assertTrue(output.contains(readLine), "access log line for the read");
        // and what was logged during the stop too: the buffer's last block is written out at exit
        assertTrue(output.contains("Apache Camel (Main) 4.18.0 shutdown"), "the stop's last line: " + output);
        assertFalse(output.contains(aes256Key), "the session's AES key appears in the log");
        assertFalse(output.contains(aes256Key.substring(0, 20)), "part of the session's AES key appears in the log");
        if (json) {
            StringBuilder decoded = new StringBuilder();
            for (String line : read(log).split("\n")) {
                JsonNode event = json(line);
                assertTrue(event.isObject() && event.has("@timestamp") && event.has("log.level"), "an ECS object: " + line);
                decoded.append(event.path("message").asText()).append(event.path("error.stack_trace").asText()).append('\n');
            }
            assertFalse(decoded.toString().contains(aes256Key.substring(0, 20)), "part of the session's AES key is in a JSON value");
        }
    }

    /**
     * {@code ADAPTER_MODE=sandbox java -jar ...} with no configuration: the four built-in merchants answer at once, each
     * through its dialect against the simulator the adapter serves, and a prefix chooses a fault.
     */
    @Test
    void sandboxModeWithNoConfigurationAnswersTheFourBuiltInMerchants() throws Exception {
        startJar(Map.of("ADAPTER_MODE", "sandbox"));
        awaitHealthUp();
        Map<String, String> providers = Map.of("SANDBOX-MPGS-REST", "mpgs-rest", "SANDBOX-MPGS-NVP", "mpgs-nvp",
                "SANDBOX-WORLDLINE", "worldline", "SANDBOX-PAYSECURE", "paysecure");
        for (Map.Entry<String, String> merchant : providers.entrySet()) {
            HttpResponse<String> created = post("{\"merchantId\":\"" + merchant.getKey() + "\",\"correlationId\":\"order-42\"}")
                    .get(10, TimeUnit.SECONDS);
            assertEquals(201, created.statusCode(), created.body());
            JsonNode reply = json(created.body());
            assertEquals(merchant.getValue(), text(reply, "provider"), created.body());
            assertEquals("true", text(reply, "upstream.sandbox"), created.body());
            HttpResponse<String> busy = post("{\"merchantId\":\"" + merchant.getKey() + "\",\"correlationId\":\"sandbox-busy-1\"}")
                    .get(10, TimeUnit.SECONDS);
            Replies.assertError(busy, 503, "SERVER_BUSY", "PROVIDER", "NOT_CREATED");
        }
        awaitInLog("merchantId=SANDBOX-PAYSECURE provider=paysecure");
        stopWithSigterm();
        String output = read(log) + read(errors);
        assertTrue(output.contains("mode=sandbox"), output);
        assertTrue(output.contains("Sandbox mode: every provider is simulated on 127.0.0.1:"), output);
        assertFalse(output.contains("sandbox-secret-api-key") || output.contains("sandbox-password"), "a placeholder secret in the log");
    }

    /**
     * SIGTERM drains: readiness DOWN at once (liveness UP), a new request and one sent on a connection kept
     * alive from before both get the canonical retryable 503 with Retry-After and Connection: close, the
     * in-flight call finishes, and the process exits 0.
     */
    @Test
    void sigtermDrainsRefusingNewRequestsWhileAnInFlightProviderCallFinishes() throws Exception {
        try (StubUpstream gateway = StubUpstream.start(request -> StubUpstream.after(3_000, StubProviders.success().apply(request)))) {
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
            try (Socket keptAlive = new Socket("127.0.0.1", port)) {
                keptAlive.setSoTimeout(10_000);
                assertTrue(exchange(keptAlive, "GET /api/v1/sessions/UNKNOWN HTTP/1.1\r\nHost: a\r\n\r\n").startsWith("HTTP/1.1 404"));

                CompletableFuture<HttpResponse<String>> inFlight = post("{\"merchantId\":\"SLOW01\",\"correlationId\":\"in-flight\"}");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (gateway.received().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertFalse(gateway.received().isEmpty(), "the request reached the gateway");
                adapter.destroy(); // SIGTERM while the gateway is still thinking

                HttpResponse<String> ready = get(managementPort, "/observe/health/ready");
                for (int tries = 0; ready.statusCode() == 200 && tries < 20; tries++) {
                    Thread.sleep(50);
                    ready = get(managementPort, "/observe/health/ready");
                }
                assertEquals(503, ready.statusCode(), "readiness DOWN while draining: " + ready.body());
                assertEquals(200, get(managementPort, "/observe/health/live").statusCode(), "liveness stays UP");

                String create = "POST /api/v1/sessions HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 26\r\n\r\n{\"merchantId\":\"TESTMERCH\"}";
                try (Socket fresh = new Socket("127.0.0.1", port)) {
                    fresh.setSoTimeout(10_000);
                    assertDrainRefusal(exchange(fresh, create));
                }
                assertDrainRefusal(exchange(keptAlive, create));
                assertFalse(inFlight.isDone(), "the in-flight call is still waiting for the gateway");

                HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
                assertEquals(201, response.statusCode(), response.body());
                assertEquals("in-flight", text(json(response.body()), "correlationId"));
                assertExitsWithZero();
                String output = read(log) + read(errors);
                assertFalse(output.contains(StubProviders.MPGS_PASSWORD), "the API password is in the log");
                assertFalse(output.contains(text(json(response.body()), "session.aes256Key")), "the session key is in the log");
            }
        }
    }

    private static void assertDrainRefusal(String reply) throws IOException {
        assertTrue(reply.startsWith("HTTP/1.1 503 "), reply);
        String headers = reply.substring(0, reply.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        assertTrue(headers.contains("\r\nretry-after: "), reply);
        assertTrue(headers.contains("\r\nconnection: close"), reply);
        JsonNode error = json(reply.substring(reply.indexOf("\r\n\r\n") + 4)).get("error");
        assertEquals("UPSTREAM_UNAVAILABLE", error.get("cause").asText(), reply);
        assertEquals("ADAPTER", error.get("source").asText(), reply);
        assertEquals("NOT_CREATED", error.get("outcome").asText(), reply);
        assertTrue(error.get("retryable").asBoolean(), reply);
    }

    /** Sends one raw HTTP/1.1 request on {@code socket} and reads one reply: headers, and a Content-Length or chunked body. */
    private static String exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        String headers = readLine(in, "\r\n\r\n");
        Matcher length = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)").matcher(headers);
        if (length.find()) {
            return headers + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
            body.write(in.readNBytes(size));
            readLine(in, "\r\n");
        }
        readLine(in, "\r\n");
        return headers + body.toString(StandardCharsets.UTF_8);
    }

    private static int chunkSize(InputStream in) throws IOException {
        return Integer.parseInt(readLine(in, "\r\n").trim(), 16);
    }

    private static String readLine(InputStream in, String end) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (!read.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + read);
            }
            read.write(b);
        }
        return read.toString(StandardCharsets.ISO_8859_1);
    }

    /** config/application.properties is read as UTF-8: a UTF-8 integrator name arrives intact, still signed. */
    @Test
    void readsApplicationPropertiesAsUtf8() throws Exception {
        try (StubUpstream worldline = StubUpstream.start(StubProviders.checkingCredentials(StubProviders.success()))) {
            Path home = Files.createTempDirectory("adapter-home-");
            Files.createDirectory(home.resolve("config"));
            Files.writeString(home.resolve("config/application.properties"),
                    Files.readString(REPOSITORY.resolve("config/application.properties"))
                            + "\nadapter.providers.worldline.integrator = " + ConfigEncodingTest.INTEGRATOR + "\n");
            Files.createDirectory(home.resolve("routes"));
            try (Stream<Path> routes = Files.list(REPOSITORY.resolve("routes"))) {
                for (Path route : routes.toList()) {
                    Files.copy(route, home.resolve("routes").resolve(route.getFileName()));
                }
            }
            Path table = ConfigEncodingTest.liveConfigFile(worldline.url(), "");
            startJarIn(home, REPOSITORY.resolve("target/payment-session-adapter.jar"), List.of(), Map.of("ADAPTER_CONFIG", table.toString()));
            awaitHealthUp();
            HttpResponse<String> created = post("{\"merchantId\":\"WL01\"}").get(10, TimeUnit.SECONDS);
            assertEquals(201, created.statusCode(), "the stub verified the signature: " + created.body());
            assertTrue(ConfigEncodingTest.serverMetaInfo(worldline).contains("\"integrator\":\"" + ConfigEncodingTest.INTEGRATOR + "\""),
                    ConfigEncodingTest.serverMetaInfo(worldline));
            stopWithSigterm();
        }
    }

    /**
     * The store is bounded by its size in bytes, not only by count: 2,500 sessions of about 50 KB each
     * (125 MB of requests) into a 128 MB heap, the one config/jvm.options gives, with the default
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
        assertFalse((read(log) + read(errors)).contains("OutOfMemoryError"), read(log));
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

    /**
     * An OutOfMemoryError stops the process with a non-zero status, started the README's way (no JVM flag
     * but a small heap): the local store is left unbounded and filled with the largest valid sessions.
     */
    @Test
    void exitsNonZeroOnOutOfMemory() throws Exception {
        Path config = Files.createTempFile("adapter-", ".properties");
        Files.writeString(config, "adapter.store.max-sessions = 2000000000\nadapter.store.max-bytes = 2147483647\n");
        // without config/jvm.options: its -XX:+ExitOnOutOfMemoryError would end the JVM before the adapter's own exit ran
        startJarIn(REPOSITORY, Path.of("target/payment-session-adapter.jar"), List.of("-Xmx64m"),
                Map.of("ADAPTER_CONFIG", config.toString()));
        awaitHealthUp();
        String largest = largestSession();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            for (int caller = 0; caller < 4; caller++) {
                callers.execute(() -> {
                    while (adapter.isAlive() && System.nanoTime() < deadline) {
                        try {
                            post(largest).get(10, TimeUnit.SECONDS);
                        } catch (Exception refusedOrCut) {
                            // the process is going down
                        }
                    }
                });
            }
            assertTrue(adapter.waitFor(90, TimeUnit.SECONDS), "exits once out of memory");
        } finally {
            callers.shutdownNow();
        }
        assertEquals(3, adapter.exitValue(), "exit status after an OutOfMemoryError");
        assertTrue(read(errors).contains("Payment Session Adapter stops: out of memory"), read(errors));
    }

    static Stream<Arguments> badStarts() {
        String secret = "Sup3r-Secret-Pr0xy";
        return Stream.of(
                Arguments.of("HTTP_PORT in use", Map.of("HTTP_PORT", "IN_USE"), "camel.server.port (env HTTP_PORT): cannot listen on port ", null),
                Arguments.of("MANAGEMENT_PORT in use", Map.of("MANAGEMENT_PORT", "IN_USE"),
                        "camel.management.port (env MANAGEMENT_PORT): cannot listen on port ", null),
                Arguments.of("HTTP_PORT not a number", Map.of("HTTP_PORT", "80a"), "HTTP_PORT: must be a port number", "80a"),
                Arguments.of("unknown LOG_LEVEL", Map.of("LOG_LEVEL", "verbose"), "LOG_LEVEL: must be one of", "verbose"),
                Arguments.of("unknown LOG_FORMAT", Map.of("LOG_FORMAT", "xml"), "LOG_FORMAT: must be one of text, json", "xml"),
                Arguments.of("camel.* typo", Map.of("ADAPTER_CONFIG", "camel.component.vertx-http.proxy-pasword = " + secret),
                        "camel.component.vertx-http.proxy-pasword: unknown option", secret),
                Arguments.of("placeholder of an unset variable", Map.of("ADAPTER_CONFIG", String.join("\n",
                                "adapter.mode = live",
                                "adapter.providers.mpgs-rest.url = https://127.0.0.1:9",
                                "adapter.merchants.TESTMERCH01.provider = mpgs-rest",
                                "adapter.merchants.TESTMERCH01.password = {{env:TESTMERCH01_UNSET_PASSWORD}}")),
                        "adapter.merchants.TESTMERCH01.password: the environment variable TESTMERCH01_UNSET_PASSWORD is not set", null),
                Arguments.of("live mode without merchants", Map.of("ADAPTER_MODE", "live"), "adapter.mode: live needs at least one merchant", null));
    }

    /**
     * A bad start stops with status 1 and one line on stderr naming the key or variable, never its value; no
     * stack trace, no "shutdown hook" line. {@code IN_USE} stands for a port another socket holds;
     * {@code ADAPTER_CONFIG} is given as the file's content.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badStarts")
    void refusesABadStartInOneLineNamingTheKey(String name, Map<String, String> env, String expected, String value) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> actualEnv = new HashMap<>(env);
            actualEnv.replaceAll((variable, setting) -> setting.equals("IN_USE") ? Integer.toString(taken.getLocalPort()) : setting);
            if (env.containsKey("ADAPTER_CONFIG")) {
                Path config = Files.createTempFile("adapter-", ".properties");
                Files.writeString(config, env.get("ADAPTER_CONFIG") + "\n");
                actualEnv.put("ADAPTER_CONFIG", config.toString());
            }
            startJar(actualEnv);
            assertTrue(adapter.waitFor(60, TimeUnit.SECONDS), "exits by itself");
        }
        assertEquals(1, adapter.exitValue());
        List<String> stderr = Files.readAllLines(errors);
        assertEquals(1, stderr.size(), "one line on stderr: " + stderr);
        assertTrue(stderr.get(0).startsWith("Payment Session Adapter cannot start: " + expected), stderr.get(0));
        String output = read(log) + read(errors);
        assertFalse(output.contains("\tat "), "no stack trace:\n" + output);
        assertFalse(output.contains("SIGTERM"), "no shutdown-hook line:\n" + output);
        assertFalse(output.contains(" ERROR "), "no ERROR log line:\n" + output);
        if (value != null) {
            assertFalse(output.contains(value), "the value is printed:\n" + output);
        }
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
            assertTrue(adapter.isAlive(), () -> "the adapter exited early:\n" + read(log) + read(errors));
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
