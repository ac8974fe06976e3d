package io.paymentsession.adapter.sandbox;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.LogCapture;
import io.paymentsession.adapter.Replies;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubUpstream;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Sandbox mode through {@code POST /api/v1/sessions}, as an integrator uses it: every built-in merchant (one per
 * dialect) against every behaviour of the contract's table (section 6), each answered with the canonical status,
 * cause, source, outcome and retryable within its documented time, and marked {@code upstream.sandbox: true}. The
 * providers' configured URLs point at a listening socket, which must receive nothing.
 */
class SandboxModeTest {

    /** Above the 1 s of sandbox-slow, which a shorter response timeout turns into a 504, as it would live. */
    private static final int RESPONSE_TIMEOUT_MS = 1_500;
    private static final long MARGIN_MS = 2_000;
    private static final String CONFIGURED_SECRET = "wl-configured-secret-9c1e";
    private static final List<String> BUILT_IN = List.of("SANDBOX-MPGS-REST", "SANDBOX-MPGS-NVP", "SANDBOX-WORLDLINE",
            "SANDBOX-PAYSECURE");

    /** One row of the contract's table: the prefix, and what the caller gets, within how long. */
    private record Row(String prefix, int status, String cause, String source, String outcome, boolean retryable,
                       long atMostMs) {
    }

    private static final List<Row> TABLE = List.of(
            new Row("order-", 201, null, null, null, false, 0),
            new Row("sandbox-field-error", 400, "INVALID_REQUEST", "PROVIDER", "NOT_CREATED", false, 0),
            new Row("sandbox-auth", 403, "REQUEST_REJECTED", "PROVIDER", "NOT_CREATED", false, 0),
            new Row("sandbox-busy", 503, "SERVER_BUSY", "PROVIDER", "NOT_CREATED", true, 0),
            new Row("sandbox-fail", 502, "SERVER_FAILED", "PROVIDER", "UNKNOWN", true, 0),
            new Row("sandbox-html", 502, "SERVER_FAILED", "TRANSPORT", "UNKNOWN", true, 0),
            new Row("sandbox-truncated", 502, "SERVER_FAILED", "TRANSPORT", "UNKNOWN", true, 0),
            new Row("sandbox-reset", 502, "SERVER_FAILED", "TRANSPORT", "UNKNOWN", true, 0),
            new Row("sandbox-timeout", 504, "UPSTREAM_TIMEOUT", "TRANSPORT", "UNKNOWN", true, RESPONSE_TIMEOUT_MS),
            new Row("sandbox-slow", 201, null, null, null, false, SandboxProviders.SLOW_MS),
            new Row("sandbox-unavailable", 503, "UPSTREAM_UNAVAILABLE", "TRANSPORT", "NOT_CREATED", true, 0));

    private static StubUpstream configuredProvider;
    private static LogCapture logs;
    private static RunningAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        configuredProvider = StubUpstream.start(request -> StubUpstream.reply(500, "text/plain", new byte[0]));
        Map<String, String> config = new HashMap<>();
        config.put("adapter.mode", "sandbox");
        for (String provider : List.of("mpgs-rest", "mpgs-nvp", "worldline", "paysecure")) {
            // a real-looking configuration: sandbox mode must not send anything to it
            config.put("adapter.providers." + provider + ".url", configuredProvider.url());
            config.put("adapter.providers." + provider + ".response-timeout-ms", Integer.toString(RESPONSE_TIMEOUT_MS));
            // the table is run many times over: the breakers stay closed here (ResilienceTest opens them)
            config.put("adapter.providers." + provider + ".breaker-minimum-calls", "10000");
        }
        config.put("adapter.merchants.WL-CONFIGURED.provider", "worldline");
        config.put("adapter.merchants.WL-CONFIGURED.provider-merchant-id", "9991");
        config.put("adapter.merchants.WL-CONFIGURED.api-key-id", "5e45c937b9db33ae");
        config.put("adapter.merchants.WL-CONFIGURED.secret-api-key", CONFIGURED_SECRET);
        config.put("adapter.merchants.REST-NO-CREDENTIALS.provider", "mpgs-rest");
        config.put("adapter.merchants.STORE01.provider", "local");
        logs = LogCapture.atLevel(Level.DEBUG);
        adapter = RunningAdapter.start(config);
    }

    @AfterAll
    static void stop() throws Exception {
        adapter.close();
        logs.close();
        configuredProvider.close();
    }

    private static HttpResponse<String> create(String merchantId, String correlationId) throws Exception {
        return adapter.postJson("{\"merchantId\":\"" + merchantId + "\",\"correlationId\":\"" + correlationId + "\"}");
    }

    @TestFactory
    Stream<DynamicTest> everyDialectAnswersEveryBehaviourOfTheTable() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : TABLE) {
            for (String merchantId : BUILT_IN) {
                tests.add(DynamicTest.dynamicTest(merchantId + " " + row.prefix(), () -> run(merchantId, row)));
            }
        }
        return tests.stream();
    }

    private static void run(String merchantId, Row row) throws Exception {
        String correlationId = row.prefix() + "-42";
        long started = System.nanoTime();
        HttpResponse<String> response = create(merchantId, correlationId);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        JsonNode reply;
        if (row.status() == 201) {
            assertEquals(201, response.statusCode(), response.body());
            reply = json(response.body());
            assertTrue(text(reply, "session.id") != null && !text(reply, "session.id").isEmpty(), response.body());
        } else {
            reply = Replies.assertError(response, row.status(), row.cause(), row.source(), row.outcome());
            assertEquals(Boolean.toString(row.retryable()), text(reply, "error.retryable"), response.body());
        }
        assertEquals(correlationId, text(reply, "correlationId"));
        assertEquals("true", text(reply, "upstream.sandbox"), response.body());
        assertTrue(elapsedMs <= row.atMostMs() + MARGIN_MS, row.prefix() + " answered after " + elapsedMs + " ms");
        if (row.prefix().equals("sandbox-slow")) {
            assertTrue(elapsedMs >= SandboxProviders.SLOW_MS, "slow answered after " + elapsedMs + " ms");
        }
        if (row.prefix().equals("sandbox-timeout")) {
            assertTrue(elapsedMs >= RESPONSE_TIMEOUT_MS, "timeout answered after " + elapsedMs + " ms");
        }
        if (row.cause() != null && "PROVIDER".equals(row.source()) && row.status() == 400) {
            assertTrue(text(reply, "error.field") != null, "a field error names a canonical field: " + response.body());
        }
    }

    @Test
    void eachDialectsSessionHasItsProvidersShape() throws Exception {
        JsonNode rest = json(create("SANDBOX-MPGS-REST", "order-1").body());
        assertTrue(text(rest, "session.id").matches("SESSION\\d{13}[A-Z]\\d{8}[A-Z]\\d"), rest.toString());
        assertTrue(text(rest, "session.version").matches("[0-9a-f]{10}"), rest.toString());
        assertEquals(44, text(rest, "session.aes256Key").length(), rest.toString());
        assertEquals("201", text(rest, "upstream.httpStatus"));
        JsonNode nvp = json(create("SANDBOX-MPGS-NVP", "order-1").body());
        assertEquals(44, text(nvp, "session.aes256Key").length(), nvp.toString());
        assertEquals("200", text(nvp, "upstream.httpStatus"));
        assertFalse(text(rest, "session.id").equals(text(json(create("SANDBOX-MPGS-REST", "order-1").body()), "session.id")),
                "every sandbox session is new");
        JsonNode worldline = json(create("SANDBOX-WORLDLINE", "order-1").body());
        assertTrue(text(worldline, "session.id").matches("[0-9a-f]{32}"), worldline.toString());
        assertEquals("EU", text(worldline, "client.region"));
        JsonNode paysecure = json(create("SANDBOX-PAYSECURE", "order-1").body());
        assertTrue(text(paysecure, "upstream.timestamps.AppLayer.InTime").endsWith("Z"), paysecure.toString());
    }

    @Test
    void aConfiguredWorldlineMerchantIsSignedWithItsOwnSecretAndTheSimulatorChecksIt() throws Exception {
        HttpResponse<String> response = create("WL-CONFIGURED", "order-7");
        assertEquals(201, response.statusCode(), response.body());
        assertTrue(text(json(response.body()), "client.customerId").startsWith("9991-"), response.body());
    }

    @Test
    void aConfiguredMerchantNeedsNoCredentialsInSandboxMode() throws Exception {
        HttpResponse<String> response = create("REST-NO-CREDENTIALS", "order-8");
        assertEquals(201, response.statusCode(), response.body());
    }

    @Test
    void aLocalMerchantIsServedByTheStoreAndIsNotMarked() throws Exception {
        HttpResponse<String> response = create("STORE01", "order-9");
        assertEquals(201, response.statusCode(), response.body());
        JsonNode reply = json(response.body());
        assertEquals("local", text(reply, "provider"));
        assertNull(reply.get("upstream"), response.body());
        assertEquals(200, adapter.get("/api/v1/sessions/" + text(reply, "session.id")).statusCode());
    }

    @Test
    void aSandboxSessionIsNeverStoredOrReadable() throws Exception {
        JsonNode reply = json(create("SANDBOX-MPGS-REST", "order-10").body());
        assertEquals(404, adapter.get("/api/v1/sessions/" + text(reply, "session.id")).statusCode());
    }

    @Test
    void anUnknownMerchantIsRefusedAsInLiveMode() throws Exception {
        JsonNode reply = Replies.assertError(create("NOBODY", "order-11"), 400, "INVALID_REQUEST", "ADAPTER", "NOT_CREATED");
        assertEquals("merchantId", text(reply, "error.field"));
        assertNull(reply.get("upstream"), reply.toString());
    }

    @Test
    void theAccessLogAndTheMetricsMarkSandboxTraffic() throws Exception {
        create("SANDBOX-PAYSECURE", "sandbox-busy-metrics");
        String metrics = adapter.send(HttpRequest.newBuilder(adapter.managementUri("/observe/metrics")).GET()).body();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("adapter_requests_total{cause=\"SERVER_BUSY\"")
                && line.contains("provider=\"paysecure\",sandbox=\"true\"")), metrics);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!logs.text().contains("correlationId=sandbox-busy-metrics sandbox=true") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(logs.text().contains("correlationId=sandbox-busy-metrics sandbox=true"), logs.text());
    }

    @Test
    void theSimulatorsListenOnLoopbackAndRefuseWhatIsNotTheAdaptersRequest() throws Exception {
        HttpResponse<String> dryRun = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions/dry-run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"merchantId\":\"SANDBOX-PAYSECURE\"}")));
        String url = text(json(dryRun.body()), "upstreamRequest.url");
        assertTrue(url.matches("http://127\\.0\\.0\\.1:[0-9]+/paysecure/sandbox-session/CreateSession"), url);
        // a body streamed without a length, as no dialect sends it
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url)).POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(new byte[10]))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode());
    }

    @Test
    void theConfiguredProviderUrlsReceiveNothingAndNoSecretIsLogged() throws Exception {
        for (String merchantId : BUILT_IN) {
            assertEquals(201, create(merchantId, "order-12").statusCode());
        }
        assertEquals(201, create("WL-CONFIGURED", "order-12").statusCode());
        assertEquals(List.of(), configuredProvider.received(), "sandbox mode sent a request to a configured URL");
        assertFalse(logs.text().contains(CONFIGURED_SECRET), "a secret reached the log");
        assertFalse(logs.text().contains("sandbox-secret-api-key"), "a placeholder secret reached the log");
        assertFalse(logs.text().contains("sandbox-password"), "a placeholder password reached the log");
    }
}
