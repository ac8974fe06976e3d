package io.paymentsession.adapter.provider;

import static io.paymentsession.adapter.Replies.assertError;
import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker, the bulkhead and the connect-only retry, each through the real adapter against
 * stub providers on real sockets. Each test has its own adapter: breakers keep state.
 */
class ResilienceTest {

    private static String request(String merchantId) {
        return "{\"merchantId\":\"" + merchantId + "\",\"correlationId\":\"r-1\"}";
    }

    private static Map<String, String> config(String url, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(StubProviders.liveConfig(url, 800));
        config.putAll(overrides);
        return config;
    }

    private static String providerHealth(RunningAdapter adapter, String provider) throws Exception {
        HttpResponse<String> health = adapter.send(HttpRequest.newBuilder(adapter.managementUri("/observe/health?exposureLevel=full")).GET());
        assertEquals(200, health.statusCode(), "the adapter stays ready: " + health.body());
        for (JsonNode check : json(health.body()).get("checks")) {
            if (check.get("name").asText().equals("provider-" + provider)) {
                assertEquals("UP", check.get("status").asText());
                return check.get("message").asText();
            }
        }
        throw new AssertionError("no health check for " + provider + ": " + health.body());
    }

    @Test
    void theBreakerOpensFailsAtOnceSparesTheOthersAndClosesAfterRecovery() throws Exception {
        try (StubUpstream providers = StubUpstream.start(StubProviders.success());
             RunningAdapter adapter = RunningAdapter.start(config(providers.url(), Map.of(
                     "adapter.providers.mpgs-rest.breaker-minimum-calls", "4",
                     "adapter.providers.mpgs-rest.breaker-failure-rate-threshold", "50",
                     "adapter.providers.mpgs-rest.breaker-wait-in-open-seconds", "2",
                     "adapter.providers.mpgs-rest.breaker-half-open-calls", "1")))) {
            providers.behave(r -> r.path().equals(StubProviders.MPGS_REST_PATH) ? StubUpstream.resetMidBody()
                    : StubProviders.success().apply(r));
            for (int i = 0; i < 4; i++) {
                assertError(adapter.postJson(request("REST01")), 502, "SERVER_FAILED", "TRANSPORT", "UNKNOWN");
            }
            int sent = providers.received().size();

            long started = System.nanoTime();
            JsonNode open = assertError(adapter.postJson(request("REST01")), 503, "UPSTREAM_UNAVAILABLE", "ADAPTER", "NOT_CREATED");
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals("true", text(open, "error.retryable"));
            assertTrue(text(open, "error.explanation").contains("circuit breaker is open"), text(open, "error.explanation"));
            assertEquals(sent, providers.received().size(), "nothing was sent while the breaker is open");
            assertTrue(elapsedMs < 1_000, "an open breaker answers at once, not after a timeout: " + elapsedMs + " ms");
            assertEquals(201, adapter.postJson(request("WL01")).statusCode(), "the other providers still work");
            String metricsText = adapter.send(HttpRequest.newBuilder(adapter.managementUri("/observe/metrics")).GET()).body();
            assertTrue(metricsText.contains("adapter_requests_total{cause=\"UPSTREAM_UNAVAILABLE\",operation=\"create\",outcome=\"NOT_CREATED\",provider=\"mpgs-rest\",sandbox=\"false\"} 1.0"),
                    "the refusal is counted");
            assertTrue(metricsText.contains("adapter_upstream_latency_seconds_count{operation=\"create\",outcome=\"UNKNOWN\",provider=\"mpgs-rest\",sandbox=\"false\"} 4"),
                    "the four failed calls are in the upstream latency, the refusal is not");
            assertEquals("circuit breaker OPEN", providerHealth(adapter, "mpgs-rest"));
            assertEquals("circuit breaker CLOSED", providerHealth(adapter, "worldline"));
            String metrics = adapter.send(HttpRequest.newBuilder(adapter.managementUri("/observe/metrics")).GET()).body();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("resilience4j_circuitbreaker_state{")
                    && l.contains("mpgs-rest-breaker") && l.contains("state=\"open\"") && l.endsWith(" 1.0")), "breaker state in the metrics");

            providers.behave(StubProviders.success());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int status = 0;
            while (status != 201 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                status = adapter.postJson(request("REST01")).statusCode();
            }
            assertEquals(201, status, "the provider recovered and the breaker let calls through again");
            assertEquals("circuit breaker CLOSED", providerHealth(adapter, "mpgs-rest"));
        }
    }

    @Test
    void aHungProviderHoldsNoMoreThanItsBulkheadAndNeverSlowsTheOthers() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try (StubUpstream providers = StubUpstream.start(StubProviders.success());
             RunningAdapter adapter = RunningAdapter.start(config(providers.url(), Map.of(
                     "adapter.providers.worldline.max-concurrent-calls", "2",
                     // no waiting room: a third call is refused at once (CallQueueTest covers the wait)
                     "adapter.providers.worldline.queue-wait-ms", "0",
                     "adapter.providers.worldline.response-timeout-ms", "3000",
                     "adapter.providers.worldline.call-timeout-ms", "4500")))) {
            providers.behave(r -> r.path().equals(StubProviders.WORLDLINE_PATH) ? StubUpstream.neverAnswer()
                    : StubProviders.success().apply(r));
            List<CompletableFuture<HttpResponse<String>>> hung = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                hung.add(CompletableFuture.supplyAsync(() -> post(adapter, "WL01"), callers));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (providers.received().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(2, providers.received().size(), "two calls hang at the provider");

            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                HttpResponse<String> busy = adapter.postJson(request("WL01"));
                long elapsedMs = (System.nanoTime() - started) / 1_000_000;
                JsonNode reply = assertError(busy, 503, "SERVER_BUSY", "ADAPTER", "NOT_CREATED");
                assertEquals("1", busy.headers().firstValue("Retry-After").orElse(null));
                assertTrue(text(reply, "error.explanation").contains("in progress"));
                assertTrue(elapsedMs < 1_000, "a full bulkhead answers at once: " + elapsedMs + " ms");
            }
            assertEquals(2, providers.received().size(), "nothing more reached the hung provider");
            for (String other : List.of("REST01", "NVP01", "PS01")) {
                long started = System.nanoTime();
                assertEquals(201, adapter.postJson(request(other)).statusCode(), other);
                assertTrue((System.nanoTime() - started) / 1_000_000 < 1_000, other + " was slowed by the hung provider");
            }
            for (CompletableFuture<HttpResponse<String>> call : hung) {
                assertEquals(504, call.get(10, TimeUnit.SECONDS).statusCode());
            }
        } finally {
            callers.shutdownNow();
        }
    }

    private static HttpResponse<String> post(RunningAdapter adapter, String merchantId) {
        try {
            return adapter.postJson(request(merchantId));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRefusedConnectionIsRetriedAndSucceedsOnceTheProviderListens() throws Exception {
        int port = RunningAdapter.freePort();
        try (RunningAdapter adapter = RunningAdapter.start(config("http://127.0.0.1:" + port, Map.of(
                "adapter.providers.paysecure.connect-retry-backoff-ms", "1500",
                "adapter.providers.paysecure.call-timeout-ms", "5000")))) {
            CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() -> post(adapter, "PS01"));
            Thread.sleep(400);
            try (StubUpstream late = StubUpstream.start(port, StubProviders.success())) {
                HttpResponse<String> response = call.get(10, TimeUnit.SECONDS);
                assertEquals(201, response.statusCode(), response.body());
                assertEquals(1, late.received().size(), "the retry reached the provider once");
            }
        }
    }

    @Test
    void aRequestThatLeftIsNeverRetried() throws Exception {
        try (StubUpstream providers = StubUpstream.start(r -> StubUpstream.resetMidBody());
             RunningAdapter adapter = RunningAdapter.start(config(providers.url(), Map.of(
                     "adapter.providers.mpgs-nvp.connect-retries", "3",
                     "adapter.providers.mpgs-nvp.call-timeout-ms", "3500")))) {
            assertError(adapter.postJson(request("NVP01")), 502, "SERVER_FAILED", "TRANSPORT", "UNKNOWN");
            providers.behave(r -> StubUpstream.neverAnswer());
            assertError(adapter.postJson(request("NVP01")), 504, "UPSTREAM_TIMEOUT", "TRANSPORT", "UNKNOWN");
            assertEquals(2, providers.received().size(), "each request reached the provider exactly once");
        }
    }
}
