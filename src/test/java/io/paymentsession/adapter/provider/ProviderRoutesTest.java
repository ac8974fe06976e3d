package io.paymentsession.adapter.provider;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.Replies;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import io.paymentsession.adapter.stub.StubUpstream.Received;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What every dialect must do alike, through the real adapter against stub providers on a real socket:
 * header hygiene, refused credentials, and each network failure.
 */
class ProviderRoutesTest {

    static final int RESPONSE_TIMEOUT_MS = 800;
    static final List<String> MERCHANTS = StubProviders.MERCHANTS;
    private static StubUpstream providers;
    private static RunningAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        providers = StubUpstream.start(StubProviders.success());
        adapter = RunningAdapter.start(StubProviders.liveConfig(providers.url(), RESPONSE_TIMEOUT_MS));
    }

    @AfterAll
    static void stop() throws Exception {
        adapter.close();
        providers.close();
    }

    @BeforeEach
    void reset() {
        providers.behave(StubProviders.success());
        providers.clear();
    }

    private static String request(String merchantId) {
        return "{\"merchantId\":\"" + merchantId + "\",\"correlationId\":\"order-42\"}";
    }

    /** A canonical error that echoes the request's correlationId. */
    private static JsonNode assertError(HttpResponse<String> response, int status, String cause, String source, String outcome) {
        JsonNode reply = Replies.assertError(response, status, cause, source, outcome);
        assertEquals("order-42", text(reply, "correlationId"));
        return reply;
    }

    @ParameterizedTest
    @FieldSource("MERCHANTS")
    void createsASessionThroughEachDialect(String merchantId) throws Exception {
        HttpResponse<String> response = adapter.postJson(request(merchantId));
        assertEquals(201, response.statusCode(), response.body());
        JsonNode reply = json(response.body());
        assertEquals("SUCCESS", text(reply, "result"));
        assertEquals(merchantId, text(reply, "merchantId"));
        assertEquals("order-42", text(reply, "correlationId"));
        assertTrue(text(reply, "session.id") != null && text(reply, "upstream.httpStatus") != null, response.body());
    }

    @ParameterizedTest
    @FieldSource("MERCHANTS")
    void neverForwardsTheCallersHeadersNorReturnsTheProviders(String merchantId) throws Exception {
        HttpResponse<String> response = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer caller-token-123")
                .header("Cookie", "caller=1")
                .header("X-Forwarded-For", "10.1.2.3")
                .header("X-GCS-Idempotence-Key", "from-the-caller")
                .header("X-Custom", "from-the-caller")
                .POST(HttpRequest.BodyPublishers.ofString(request(merchantId))));
        assertEquals(201, response.statusCode(), response.body());
        Received sent = providers.lastReceived();
        for (String header : List.of("cookie", "x-forwarded-for", "x-custom", "x-gcs-idempotence-key")) {
            assertNull(sent.header(header), header + " reached the provider: " + sent.headers());
        }
        assertTrue(sent.headers().keySet().stream().noneMatch(h -> h.startsWith("camel")), "Camel headers upstream: " + sent.headers());
        String authorization = sent.header("Authorization");
        assertTrue(authorization == null || !authorization.contains("caller-token-123"), "the caller's Authorization went upstream");
        for (String header : List.of("Set-Cookie", "X-Gateway-Node", "X-GCS-RequestId")) {
            assertTrue(response.headers().firstValue(header).isEmpty(), "the provider's " + header + " came back");
        }
    }

    @ParameterizedTest
    @FieldSource("MERCHANTS")
    void wrongCredentialsAreRejected(String merchantId) throws Exception {
        JsonNode reply = assertError(adapter.postJson(request("BAD" + merchantId)), 403, "REQUEST_REJECTED", "PROVIDER", "NOT_CREATED");
        assertEquals("false", text(reply, "error.retryable"));
    }

    @ParameterizedTest
    @FieldSource("MERCHANTS")
    void aProviderThatNeverAnswersIsATimeoutWithinTheResponseTimeout(String merchantId) throws Exception {
        providers.behave(r -> StubUpstream.neverAnswer());
        long started = System.nanoTime();
        HttpResponse<String> response = adapter.postJson(request(merchantId));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertError(response, 504, "UPSTREAM_TIMEOUT", "TRANSPORT", "UNKNOWN");
        assertTrue(elapsedMs >= RESPONSE_TIMEOUT_MS - 50, "answered before the timeout: " + elapsedMs);
        assertTrue(elapsedMs < RESPONSE_TIMEOUT_MS + 3_000, "answered long after the timeout: " + elapsedMs);
    }

    @ParameterizedTest
    @FieldSource("MERCHANTS")
    void aReplyAfterTheTimeoutIsStillATimeout(String merchantId) throws Exception {
        providers.behave(r -> StubUpstream.after(RESPONSE_TIMEOUT_MS + 700, StubProviders.success().apply(r)));
        assertError(adapter.postJson(request(merchantId)), 504, "UPSTREAM_TIMEOUT", "TRANSPORT", "UNKNOWN");
    }

    @ParameterizedTest
    @FieldSource("MERCHANTS")
    void aResetMidBodyIsAFailureWithUnknownOutcome(String merchantId) throws Exception {
        providers.behave(r -> StubUpstream.resetMidBody());
        assertError(adapter.postJson(request(merchantId)), 502, "SERVER_FAILED", "TRANSPORT", "UNKNOWN");
    }

    @ParameterizedTest
    @FieldSource("MERCHANTS")
    void aBodyCutShortIsAFailureWithUnknownOutcome(String merchantId) throws Exception {
        providers.behave(r -> StubUpstream.closeMidBody());
        assertError(adapter.postJson(request(merchantId)), 502, "SERVER_FAILED", "TRANSPORT", "UNKNOWN");
    }

    @ParameterizedTest
    @FieldSource("MERCHANTS")
    void aProxysHtml502IsAFailureOfTheTransport(String merchantId) throws Exception {
        providers.behave(r -> StubUpstream.reply(502, "text/html", Fixtures.bytes("common/proxy-502.html")));
        JsonNode reply = assertError(adapter.postJson(request(merchantId)), 502, "SERVER_FAILED", "TRANSPORT", "UNKNOWN");
        assertTrue(text(reply, "error.explanation").contains("HTTP 502"), text(reply, "error.explanation"));
    }

    @ParameterizedTest
    @FieldSource("MERCHANTS")
    void truncatedJsonIsAFailureOfTheTransport(String merchantId) throws Exception {
        providers.behave(r -> StubUpstream.reply(200, "application/json", Fixtures.bytes("mpgs-rest/truncated.json")));
        assertError(adapter.postJson(request(merchantId)), 502, "SERVER_FAILED", "TRANSPORT", "UNKNOWN");
    }

    @ParameterizedTest
    @FieldSource("MERCHANTS")
    void anotherProvidersValidReplyIsNotThisDialect(String merchantId) throws Exception {
        String foreign = merchantId.equals("WL01") ? "paysecure/success.json" : "worldline/success.json";
        providers.behave(r -> StubUpstream.reply(200, "application/json", Map.of(), Fixtures.bytes(foreign)));
        assertError(adapter.postJson(request(merchantId)), 502, "SERVER_FAILED", "TRANSPORT", "UNKNOWN");
    }
}
