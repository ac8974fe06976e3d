package io.paymentsession.adapter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar started as deploy/kubernetes starts it: the image's command (config/jvm-container.options, the heap
 * from a 384 MB memory limit), the ConfigMap's file as ADAPTER_CONFIG, the Secret example's variables as its
 * environment, with REDIS_URL pointed at a test Redis. It starts (so every key of the ConfigMap is one the adapter
 * accepts: an unknown or bad key stops the start), and both probes of the Deployment answer 200 on the management port.
 */
class KubernetesConfigIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Path REPOSITORY = Path.of(System.getProperty("user.dir"));

    @Test
    @SuppressWarnings("unchecked")
    void theJarStartsWithTheConfigMapAndTheSecretAndAnswersTheProbes() throws Exception {
        String password = "k8s-redis-pw-7";
        try (RedisServer redis = RedisServer.start(password)) {
            Path config = Files.createTempFile("configmap-", ".properties");
            Files.writeString(config, KubernetesManifestsTest.configMapProperties());
            Map<String, String> env = new HashMap<>();
            ((Map<?, ?>) KubernetesManifestsTest.manifest("Secret").get("stringData"))
                    .forEach((name, value) -> env.put((String) name, (String) value));
            env.put("REDIS_URL", redis.url());
            int port = RunningAdapter.freePort();
            int managementPort = RunningAdapter.freePort();
            env.putAll(Map.of("ADAPTER_CONFIG", config.toString(), "HTTP_PORT", Integer.toString(port),
                    "MANAGEMENT_PORT", Integer.toString(managementPort)));
            Path log = Files.createTempFile(Files.createDirectories(REPOSITORY.resolve("target/packaged-jar-logs")), "k8s-", ".log");
            // -XX:MaxRAM stands for the container's memory limit (384 Mi in deployment.yaml)
            ProcessBuilder start = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:MaxRAM=384m", "@config/jvm-container.options", "-jar", "target/payment-session-adapter.jar"))
                    .directory(REPOSITORY.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            start.environment().putAll(env);
            Process adapter = start.start();
            try {
                Map<String, Object> container = (Map<String, Object>) ((List<?>) KubernetesManifestsTest.at(
                        KubernetesManifestsTest.manifest("Deployment"), "spec", "template", "spec", "containers")).get(0);
                for (String probe : List.of("readinessProbe", "livenessProbe")) {
                    String path = (String) KubernetesManifestsTest.at(container, probe, "httpGet", "path");
                    assertEquals(200, awaitStatus(adapter, log, managementPort, path, 200), probe + " " + path);
                }
                HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/sessions/dry-run")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"merchantId\":\"TESTMERCH01\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, created.statusCode(), created.body());
                assertTrue(created.body().contains("\"provider\":\"mpgs-rest\""), created.body());
            } finally {
                adapter.destroy();
                if (!adapter.waitFor(30, TimeUnit.SECONDS)) {
                    adapter.destroyForcibly();
                }
            }
            String output = Files.readString(log);
            assertFalse(output.contains(password), "the Redis password in the log");
            assertFalse(output.contains("change-me"), "a value of the Secret example in the log");
        }
    }

    private static int awaitStatus(Process adapter, Path log, int port, String path, int wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int status = -1;
        while (System.nanoTime() < deadline) {
            assertTrue(adapter.isAlive(), () -> "the adapter exited:\n" + read(log));
            try {
                status = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
                if (status == wanted) {
                    return status;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " answered " + status + ", not " + wanted + ", within 60 s:\n" + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
