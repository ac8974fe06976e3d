package io.paymentsession.adapter;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.stub.RedisServer;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Black box: two packaged jars, started as the README says, sharing one real Redis (with a password, given through
 * {@code {{env:...}}}) in front of a stub provider.
 */
class SharedStoreReplicasIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Path REPOSITORY = Path.of(System.getProperty("user.dir"));
    private static final String PASSWORD = "replica-Redis-pw-42";

    /** One jar on free ports, its stdout and stderr in one file under target/. */
    private record Replica(Process process, int port, int managementPort, Path log) implements AutoCloseable {

        static Replica start(Path config, String redisUrl) throws IOException {
            int port = RunningAdapter.freePort();
            int managementPort = RunningAdapter.freePort();
            Path logs = Files.createDirectories(REPOSITORY.resolve("target").resolve("packaged-jar-logs"));
            Path log = Files.createTempFile(logs, "replica-", ".log");
            ProcessBuilder start = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "@config/jvm.options", "-jar", "target/payment-session-adapter.jar")
                    .directory(REPOSITORY.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            start.environment().putAll(Map.of("HTTP_PORT", Integer.toString(port), "MANAGEMENT_PORT",
                    Integer.toString(managementPort), "ADAPTER_CONFIG", config.toString(), "REDIS_URL", redisUrl,
                    "LOG_LEVEL", "DEBUG"));
            return new Replica(start.start(), port, managementPort, log);
        }

        HttpResponse<String> get(int onPort, String path) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onPort + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        CompletableFuture<HttpResponse<String>> post(String body, String key) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sessions"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (key != null) {
                request.header("Idempotency-Key", key);
            }
            return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        int ready() throws Exception {
            return get(managementPort, "/observe/health/ready").statusCode();
        }

        void awaitReady(int status) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                assertTrue(process.isAlive(), () -> "the adapter exited early:\n" + output());
                try {
                    if (ready() == status) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            throw new AssertionError("readiness not " + status + " within 60 s:\n" + output());
        }

        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return e.toString();
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void twoReplicasShareSessionsAndKeysAndFollowRedis() throws Exception {
        try (RedisServer redis = RedisServer.start(PASSWORD);
             StubUpstream gateway = StubUpstream.start(request -> StubUpstream.after(500, StubProviders.success().apply(request)))) {
            Path config = Files.createTempFile("replicas-", ".properties");
            Files.writeString(config, String.join("\n",
                    "adapter.mode = live",
                    "adapter.store.type = redis",
                    "adapter.store.redis.url = {{env:REDIS_URL}}",
                    "adapter.providers.mpgs-rest.url = " + gateway.url(),
                    "adapter.merchants.REST01.provider = mpgs-rest",
                    "adapter.merchants.REST01.provider-merchant-id = " + StubProviders.MPGS_MERCHANT,
                    "adapter.merchants.REST01.password = " + StubProviders.MPGS_PASSWORD,
                    "adapter.merchants.LOCAL01.provider = local", ""));
            try (Replica a = Replica.start(config, redis.url()); Replica b = Replica.start(config, redis.url())) {
                a.awaitReady(200);
                b.awaitReady(200);

                HttpResponse<String> created = a.post("{\"merchantId\":\"LOCAL01\",\"correlationId\":\"order-1\"}", null)
                        .get(10, TimeUnit.SECONDS);
                assertEquals(201, created.statusCode(), created.body());
                String id = text(json(created.body()), "session.id");
                HttpResponse<String> read = b.get(b.port(), "/api/v1/sessions/" + id);
                assertEquals(200, read.statusCode(), read.body());
                assertEquals(text(json(created.body()), "session.aes256Key"), text(json(read.body()), "session.aes256Key"));

                String body = "{\"merchantId\":\"REST01\",\"correlationId\":\"order-2\"}";
                HttpResponse<String> first = a.post(body, "key-2").get(10, TimeUnit.SECONDS);
                assertEquals(201, first.statusCode(), first.body());
                HttpResponse<String> replayed = b.post(body, "key-2").get(10, TimeUnit.SECONDS);
                assertEquals(first.body(), replayed.body());
                assertEquals("true", replayed.headers().firstValue("Idempotent-Replayed").orElse(null));
                assertEquals(1, gateway.received().size());

                // 16 at once, one key, half on each replica: one reaches the provider, the others are told it is in flight
                String concurrent = "{\"merchantId\":\"REST01\",\"correlationId\":\"order-3\"}";
                List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    racing.add((i % 2 == 0 ? a : b).post(concurrent, "key-3"));
                }
                int createdCount = 0;
                for (CompletableFuture<HttpResponse<String>> response : racing) {
                    HttpResponse<String> reply = response.get(20, TimeUnit.SECONDS);
                    assertTrue(reply.statusCode() == 201 || reply.statusCode() == 409, reply.body());
                    createdCount += reply.statusCode() == 201 && reply.headers().firstValue("Idempotent-Replayed").isEmpty() ? 1 : 0;
                }
                assertEquals(1, createdCount, "one request processed");
                assertEquals(2, gateway.received().size(), "the concurrent key reached the provider once");

                redis.stop();
                a.awaitReady(503);
                b.awaitReady(503);
                assertEquals(200, a.get(a.managementPort(), "/observe/health/live").statusCode());
                HttpResponse<String> refused = b.post("{\"merchantId\":\"LOCAL01\"}", null).get(10, TimeUnit.SECONDS);
                assertEquals(503, refused.statusCode(), refused.body());
                assertEquals("UPSTREAM_UNAVAILABLE", text(json(refused.body()), "error.cause"));
                redis.restart();
                a.awaitReady(200);
                b.awaitReady(200);
                assertEquals(201, b.post("{\"merchantId\":\"LOCAL01\"}", null).get(10, TimeUnit.SECONDS).statusCode());

                a.close();
                b.close();
                for (Replica replica : List.of(a, b)) {
                    assertFalse(replica.output().contains(PASSWORD), "the Redis password is in a replica's log");
                    assertTrue(replica.output().contains("redis at 127.0.0.1:" + redis.port()), replica.output());
                }
            }
        }
    }
}
