package io.paymentsession.adapter.idempotency;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.RunningAdapter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** In local mode a replay is the session the store created the first time: no second session. */
class IdempotencyLocalModeTest {

    private static RunningAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        adapter = RunningAdapter.start(Map.of());
    }

    @AfterAll
    static void stop() {
        adapter.close();
    }

    private static HttpResponse<String> post(String body, String key) throws Exception {
        return adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static long storedCreates() throws Exception {
        String metrics = adapter.send(HttpRequest.newBuilder(adapter.managementUri("/observe/metrics")).GET()).body();
        return metrics.lines()
                .filter(line -> line.startsWith("adapter_requests_total{") && line.contains("operation=\"create\"")
                        && line.contains("outcome=\"CREATED\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void aReplayReturnsTheSameSessionAndCreatesNoOther() throws Exception {
        String body = "{\"merchantId\":\"LOCAL01\",\"correlationId\":\"order-7\",\"tokens\":[\"t1\"]}";
        HttpResponse<String> first = post(body, "order-7-attempt");
        assertEquals(201, first.statusCode(), first.body());
        long created = storedCreates();
        HttpResponse<String> again = post(body, "order-7-attempt");
        assertEquals(first.body(), again.body());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertEquals(created, storedCreates(), "the replay is no create");
        String sessionId = text(json(first.body()), "session.id");
        assertEquals(200, adapter.get("/api/v1/sessions/" + sessionId).statusCode());

        HttpResponse<String> otherKey = post(body, "order-7-other");
        assertFalse(otherKey.headers().firstValue("Idempotent-Replayed").isPresent());
        assertNotEquals(sessionId, text(json(otherKey.body()), "session.id"));
        assertTrue(storedCreates() > created);
    }
}
