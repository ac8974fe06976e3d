package io.paymentsession.adapter.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.Replies;
import io.paymentsession.adapter.RunningAdapter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A flood of connections on the API port: past max-connections each is refused at once, and health still answers. */
class ApiConnectionLimitTest {

    private static final int MAX_CONNECTIONS = 20;
    private static final int FLOOD = 300;

    private static RunningAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        // a long header time, so the held connections stay open for the whole test
        adapter = RunningAdapter.start(Map.of(
                "adapter.http.max-connections", Integer.toString(MAX_CONNECTIONS),
                "adapter.http.header-timeout-ms", "60000"));
    }

    @AfterAll
    static void stop() {
        adapter.close();
    }

    @Test
    void refusesConnectionsPastTheLimitAndKeepsTheManagementPortAnswering() throws Exception {
        int port = adapter.uri("/").getPort();
        List<RawConnection> held = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                // a request answered on each: the adapter has counted it (its event loops take connections in any
                // order, so a connection merely accepted by the kernel might be counted after a later one)
                held.add(new RawConnection(port).send("GET /api/v1/sessions/unknown HTTP/1.1\r\nHost: a\r\n\r\n").readOneReply(5_000));
            }
            for (int i = 0; i < FLOOD; i++) {
                try (RawConnection refused = new RawConnection(port)) {
                    assertTrue(refused.readUntilClosed(5_000).closedByServer(), "connection " + (MAX_CONNECTIONS + i + 1) + " is refused");
                    assertEquals("SERVER_BUSY", Replies.text(refused.assertOneCanonicalError(503), "error.cause"));
                    assertEquals("1", refused.header("retry-after"));
                    assertEquals("close", refused.header("connection"));
                }
            }
            HttpResponse<String> health = adapter.send(HttpRequest.newBuilder(adapter.managementUri("/observe/health")).GET());
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"UP\""), health.body());
            for (RawConnection connection : held) {
                assertFalse(connection.readUntilClosed(1).closedByServer(), "a connection within the limit stays open");
            }
        } finally {
            for (RawConnection connection : held) {
                connection.close();
            }
        }
        // the closed connections no longer count: the API answers again
        long deadline = System.nanoTime() + 10_000_000_000L;
        HttpResponse<String> created = adapter.postJson("{\"merchantId\":\"M1\"}");
        while (created.statusCode() != 201 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            created = adapter.postJson("{\"merchantId\":\"M1\"}");
        }
        assertEquals(201, created.statusCode(), created.body());
    }
}
