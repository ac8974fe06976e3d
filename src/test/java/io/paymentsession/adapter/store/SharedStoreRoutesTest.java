package io.paymentsession.adapter.store;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.LogCapture;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.RedisServer;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/**
 * Two adapters in this JVM (live mode, local merchant LOCAL01 and the stub providers) on one real Redis with a
 * password: sessions and keys are shared; Redis stopped, the store's requests are refused at once and readiness is
 * DOWN, a provider request without a key goes on; Redis back, all recovers without a restart. The password never
 * reaches a log line, at DEBUG.
 */
class SharedStoreRoutesTest {

    private static final String PASSWORD = "r3dis-Secret-pw";

    @Test
    void sessionsAndKeysAreSharedAndAnOutageIsRefusedAtOnceThenRecovered() throws Exception {
        try (LogCapture logs = LogCapture.atLevel(Level.DEBUG);
             RedisServer redis = RedisServer.start(PASSWORD);
             StubUpstream gateway = StubUpstream.start(StubProviders.success())) {
            Map<String, String> config = new HashMap<>(StubProviders.liveConfig(gateway.url(), 2_000));
            config.put("adapter.merchants.LOCAL01.provider", "local");
            config.put("adapter.store.type", "redis");
            config.put("adapter.store.redis.url", redis.url());
            try (RunningAdapter a = RunningAdapter.start(config); RunningAdapter b = RunningAdapter.start(config)) {
                a.awaitReady(200);
                HttpResponse<String> created = a.postJson("{\"merchantId\":\"LOCAL01\",\"correlationId\":\"order-1\"}");
                assertEquals(201, created.statusCode(), created.body());
                String id = text(json(created.body()), "session.id");
                HttpResponse<String> read = b.get("/api/v1/sessions/" + id);
                assertEquals(200, read.statusCode(), read.body());
                assertEquals(text(json(created.body()), "session.aes256Key"), text(json(read.body()), "session.aes256Key"));

                HttpResponse<String> first = post(a, "REST01", "order-2", "key-2");
                assertEquals(201, first.statusCode(), first.body());
                HttpResponse<String> replayed = post(b, "REST01", "order-2", "key-2");
                assertEquals(first.body(), replayed.body());
                assertEquals("true", replayed.headers().firstValue("Idempotent-Replayed").orElse(null));
                assertEquals(1, gateway.received().size(), "one call to the provider");

                redis.stop();
                a.awaitReady(503);
                assertEquals(200, a.send(HttpRequest.newBuilder(a.managementUri("/observe/health/live")).GET()).statusCode());
                long started = System.nanoTime();
                assertStoreUnavailable(a.postJson("{\"merchantId\":\"LOCAL01\",\"correlationId\":\"order-3\"}"));
                assertStoreUnavailable(a.get("/api/v1/sessions/" + id));
                assertStoreUnavailable(post(a, "REST01", "order-4", "key-4"));
                assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 1_000, "at once");
                assertEquals(1, gateway.received().size(), "nothing sent for a request with a key");
                HttpResponse<String> withoutKey = a.postJson("{\"merchantId\":\"REST01\",\"correlationId\":\"order-5\"}");
                assertEquals(201, withoutKey.statusCode(), "a provider request without a key goes on: " + withoutKey.body());

                redis.restart();
                a.awaitReady(200);
                b.awaitReady(200);
                HttpResponse<String> again = b.postJson("{\"merchantId\":\"LOCAL01\",\"correlationId\":\"order-6\"}");
                assertEquals(201, again.statusCode(), again.body());
                assertEquals(200, a.get("/api/v1/sessions/" + text(json(again.body()), "session.id")).statusCode());
            }
            assertTrue(logs.text().contains("unreachable"), "the outage is logged");
            assertFalse(logs.text().contains(PASSWORD), "the Redis password is in the log");
            assertFalse(logs.text().contains(PASSWORD.substring(0, 10)), "part of the Redis password is in the log");
        }
    }

    private static HttpResponse<String> post(RunningAdapter adapter, String merchantId, String correlationId, String key)
            throws Exception {
        return adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"merchantId\":\"" + merchantId + "\",\"correlationId\":\"" + correlationId + "\"}")));
    }

    private static void assertStoreUnavailable(HttpResponse<String> response) {
        assertEquals(503, response.statusCode(), response.body());
        assertEquals("UPSTREAM_UNAVAILABLE", text(json(response.body()), "error.cause"));
        assertEquals("ADAPTER", text(json(response.body()), "error.source"));
        assertEquals("NOT_CREATED", text(json(response.body()), "error.outcome"));
        assertFalse(response.body().contains(PASSWORD));
    }

}
