package io.paymentsession.adapter.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.AdapterConfiguration;
import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.LogCapture;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * X-Request-Id over real HTTP and from a direct caller: taken when valid, made otherwise, echoed on every reply, in
 * the access line (JSON members) and, through the MDC, in every line logged while the request is served, across
 * the exchange's threads; never sent to a provider; never left on a thread after its request.
 */
class RequestIdsTest {

    private static final String GENERATED = "[0-9a-f]{32}";

    private static HttpRequest.Builder create(String body) {
        return HttpRequest.newBuilder()
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static List<JsonNode> access(LogCapture capture) {
        return capture.events().stream().filter(e -> e.path("log.logger").asText().equals("io.paymentsession.adapter.access")).toList();
    }

    @Test
    void aCorrelationIdCannotHideTextInAJsonLine() throws Exception {
        // a right-to-left override, a zero-width space and a line separator: legal in a correlationId, never raw in a log
        String hiding = "order\u202e24-redro\u200b\u2028x";
        try (LogCapture capture = LogCapture.atLevel(Level.DEBUG, "json");
             RunningAdapter adapter = RunningAdapter.start(Map.of())) {
            HttpResponse<String> created = adapter.send(create("{\"merchantId\":\"TESTMERCH01\",\"correlationId\":\""
                    + hiding + "\"}").uri(adapter.uri("/api/v1/sessions")));
            assertEquals(201, created.statusCode(), created.body());
            assertEquals("order\\u202e24-redro\\u200b\\u2028x", access(capture).get(0).get("correlationId").asText());
            assertTrue(capture.events().stream().anyMatch(e -> !e.path("log.logger").asText().endsWith("access")
                    && e.path("correlationId").asText().equals("order\\u202e24-redro\\u200b\\u2028x")), "the MDC's copy too");
            for (char hidden : new char[] {'\u202e', '\u200b', '\u2028'}) {
                assertEquals(-1, capture.text().indexOf(hidden), "raw U+" + Integer.toHexString(hidden) + " in the log");
            }
        }
    }

    @Test
    void echoesTheCallersIdAndLogsTheAccessLineAsJsonMembers() throws Exception {
        String id = "abc-123:" + "x".repeat(RequestIds.MAX_LENGTH - 8);
        try (LogCapture capture = LogCapture.atLevel(Level.INFO, "json");
             RunningAdapter adapter = RunningAdapter.start(Map.of())) {
            HttpResponse<String> created = adapter.send(create("{\"merchantId\":\"TESTMERCH01\",\"correlationId\":\"order-42\"}")
                    .uri(adapter.uri("/api/v1/sessions")).header(RequestIds.HEADER, id));
            assertEquals(201, created.statusCode());
            assertEquals(id, created.headers().firstValue(RequestIds.HEADER).orElseThrow());
            HttpResponse<String> refused = adapter.send(create("{\"merchantId\":\"TESTMERCH01\",\"authenticationLimit\":26}")
                    .uri(adapter.uri("/api/v1/sessions")).header(RequestIds.HEADER, "refused-1"));
            assertEquals(400, refused.statusCode());
            assertEquals("refused-1", refused.headers().firstValue(RequestIds.HEADER).orElseThrow());
            HttpResponse<String> unknownPath = adapter.send(HttpRequest.newBuilder(adapter.uri("/nowhere")).header(RequestIds.HEADER, "404-1"));
            assertEquals(404, unknownPath.statusCode());
            assertEquals("404-1", unknownPath.headers().firstValue(RequestIds.HEADER).orElseThrow());

            List<JsonNode> lines = access(capture);
            assertEquals(3, lines.size(), capture.text());
            JsonNode line = lines.get(0);
            assertEquals(id, line.get("requestId").asText());
            assertEquals("POST", line.get("method").asText());
            assertEquals("/api/v1/sessions", line.get("path").asText());
            assertTrue(line.get("status").isInt() && line.get("status").asInt() == 201, line.toString());
            assertTrue(line.get("latencyMs").isIntegralNumber(), line.toString());
            assertEquals("TESTMERCH01", line.get("merchantId").asText());
            assertEquals("local", line.get("provider").asText());
            assertEquals("order-42", line.get("correlationId").asText());
            assertFalse(line.has("cause") || line.has("upstreamStatus") || line.has("message"), "only what is known: " + line);
            assertEquals("INVALID_REQUEST", lines.get(1).get("cause").asText());
            assertEquals("refused-1", lines.get(1).get("requestId").asText());
            assertEquals("404-1", lines.get(2).get("requestId").asText());
            assertEquals(404, lines.get(2).get("status").asInt());
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"has space", "tab\there", "é-not-ascii", "129"})
    void makesAnIdForAMissingOrInvalidOne(String inbound) throws Exception {
        String sent = inbound.equals("129") ? "y".repeat(RequestIds.MAX_LENGTH + 1) : inbound;
        assertNotEquals(sent, RequestIds.accept(sent));
        assertTrue(RequestIds.accept(sent).matches(GENERATED));
        assertTrue(RequestIds.accept(null).matches(GENERATED));
        assertTrue(RequestIds.accept(List.of("a", "b")).matches(GENERATED), "a header sent twice is not taken");
        assertNotEquals(RequestIds.generate(), RequestIds.generate());
    }

    @Test
    void makesAnIdOverHttpWhenNoneOrAnInvalidOneIsSent() throws Exception {
        try (LogCapture capture = LogCapture.atLevel(Level.INFO, "text");
             RunningAdapter adapter = RunningAdapter.start(Map.of())) {
            HttpResponse<String> none = adapter.send(create("{\"merchantId\":\"TESTMERCH01\"}").uri(adapter.uri("/api/v1/sessions")));
            HttpResponse<String> invalid = adapter.send(create("{\"merchantId\":\"TESTMERCH01\"}").uri(adapter.uri("/api/v1/sessions"))
                    .header(RequestIds.HEADER, "has space"));
            String first = none.headers().firstValue(RequestIds.HEADER).orElseThrow();
            String second = invalid.headers().firstValue(RequestIds.HEADER).orElseThrow();
            assertTrue(first.matches(GENERATED) && second.matches(GENERATED), first + " " + second);
            assertNotEquals(first, second);
            // text: today's key=value access line, plus the request id
            assertTrue(capture.text().contains("provider=local requestId=" + first + "\n"), capture.text());
            assertFalse(capture.text().contains("has space"), capture.text());
        }
    }

    /**
     * A provider's reply resumes the route on another thread: the WARN line of an unknown provider code, written
     * there, carries the request's ids; the provider never receives the header.
     */
    @Test
    void linesWrittenAfterAProviderCallCarryTheIdsAndTheProviderNeverSeesTheHeader() throws Exception {
        try (StubUpstream providers = StubUpstream.start(StubProviders.checkingCredentials(
                r -> StubUpstream.reply(400, "application/json", Fixtures.bytes("worldline/error-400-two-errors.json"))));
             LogCapture capture = LogCapture.atLevel(Level.INFO, "json");
             RunningAdapter adapter = RunningAdapter.start(StubProviders.liveConfig(providers.url(), 2000))) {
            HttpResponse<String> reply = adapter.send(create("{\"merchantId\":\"WL01\",\"correlationId\":\"wl-order\"}")
                    .uri(adapter.uri("/api/v1/sessions")).header(RequestIds.HEADER, "wl-req-1"));
            assertEquals(400, reply.statusCode(), reply.body());
            assertEquals("wl-req-1", reply.headers().firstValue(RequestIds.HEADER).orElseThrow());
            assertNull(providers.lastReceived().header(RequestIds.HEADER), "X-Request-Id is not sent to the provider");

            JsonNode warning = capture.events().stream()
                    .filter(e -> e.path("log.level").asText().equals("WARN") && e.path("message").asText().contains("mapping does not know"))
                    .findFirst().orElseThrow(() -> new AssertionError(capture.text()));
            assertEquals("wl-req-1", warning.get("requestId").asText(), warning.toString());
            assertEquals("WL01", warning.get("merchantId").asText());
            assertEquals("worldline", warning.get("provider").asText());
            assertEquals("wl-order", warning.get("correlationId").asText());
            JsonNode line = access(capture).get(0);
            assertEquals("wl-req-1", line.get("requestId").asText());
            assertEquals(400, line.get("upstreamStatus").asInt());
            assertNoIdsLeftOnTheEventLoops(adapter);
        }
    }

    /** A direct caller's Camel header is its request id; a failure's stack trace is logged with it. */
    @Test
    void aDirectCallersIdIsEchoedAndAnUnexpectedFailureIsLoggedWithIt() throws Exception {
        try (LogCapture capture = LogCapture.atLevel(Level.INFO, "json");
             RunningAdapter adapter = RunningAdapter.start(Map.of())) {
            ProducerTemplate template = adapter.context().createProducerTemplate();
            Exchange created = template.request("direct:create-session", e -> {
                e.getMessage().setHeader(RequestIds.HEADER, "batch-7");
                e.getMessage().setBody("{\"merchantId\":\"FILE01\"}");
            });
            assertEquals(201, created.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
            assertEquals("batch-7", created.getMessage().getHeader(RequestIds.HEADER));
            // a body that cannot be read is no caller's mistake the adapter knows of: a bug, logged with its stack trace
            Exchange failed = template.request("direct:create-session", e -> {
                e.getMessage().setHeader(RequestIds.HEADER, "batch-8");
                e.getMessage().setBody(new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("the disk went away");
                    }
                });
            });
            assertEquals(500, failed.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
            assertEquals("batch-8", failed.getMessage().getHeader(RequestIds.HEADER));
            assertNull(ThreadContext.get(RequestIds.REQUEST_ID), "the caller's thread keeps no request's ids");

            JsonNode error = capture.events().stream().filter(e -> e.path("log.level").asText().equals("ERROR"))
                    .findFirst().orElseThrow(() -> new AssertionError(capture.text()));
            assertEquals("batch-8", error.get("requestId").asText(), error.toString());
            assertTrue(error.get("error.stack_trace").asText().contains("the disk went away"), error.toString());
            assertTrue(error.get("error.stack_trace").asText().contains("\tat "), error.toString());
        }
    }

    /** Every event loop's MDC is empty of request ids once its requests are answered. */
    private static void assertNoIdsLeftOnTheEventLoops(RunningAdapter adapter) throws Exception {
        Vertx vertx = adapter.context().getRegistry().lookupByNameAndType(AdapterConfiguration.VERTX_BEAN, Vertx.class);
        List<String> left = new ArrayList<>();
        for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
            String id = loop.submit(() -> ThreadContext.get(RequestIds.REQUEST_ID)).get();
            if (id != null) {
                left.add(id);
            }
        }
        assertEquals(List.of(), left);
    }
}
