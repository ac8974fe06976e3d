package io.paymentsession.adapter.provider.mpgs;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.MpgsGateway;
import io.paymentsession.adapter.stub.StubUpstream;
import io.paymentsession.adapter.stub.StubUpstream.Received;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Both Mastercard dialects through the real adapter, against a stub gateway on a real socket. */
class MpgsRouteTest {

    static final int RESPONSE_TIMEOUT_MS = 800;
    private static StubUpstream gateway;
    private static RunningAdapter adapter;

    /** The live-mode table for both dialects pointed at one gateway URL; BAD* merchants hold a wrong password. */
    static Map<String, String> liveConfig(String gatewayUrl) {
        Map<String, String> config = new HashMap<>();
        config.put("adapter.mode", "live");
        for (String provider : List.of("mpgs-rest", "mpgs-nvp")) {
            config.put("adapter.providers." + provider + ".url", gatewayUrl);
            config.put("adapter.providers." + provider + ".connect-timeout-ms", "500");
            config.put("adapter.providers." + provider + ".response-timeout-ms", Integer.toString(RESPONSE_TIMEOUT_MS));
        }
        Map<String, String> merchants = Map.of("REST01", "mpgs-rest", "NVP01", "mpgs-nvp",
                "BADREST01", "mpgs-rest", "BADNVP01", "mpgs-nvp");
        merchants.forEach((merchant, provider) -> {
            config.put("adapter.merchants." + merchant + ".provider", provider);
            config.put("adapter.merchants." + merchant + ".provider-merchant-id", MpgsGateway.MERCHANT);
            config.put("adapter.merchants." + merchant + ".password",
                    merchant.startsWith("BAD") ? "not-the-password" : MpgsGateway.PASSWORD);
        });
        return config;
    }

    @BeforeAll
    static void start() throws Exception {
        gateway = StubUpstream.start(MpgsGateway.success());
        adapter = RunningAdapter.start(liveConfig(gateway.url()));
    }

    @AfterAll
    static void stop() throws Exception {
        adapter.close();
        gateway.close();
    }

    @BeforeEach
    void reset() {
        gateway.behave(MpgsGateway.success());
        gateway.clear();
    }

    private static String request(String merchantId) {
        return "{\"merchantId\":\"" + merchantId + "\",\"correlationId\":\"order-42\",\"authenticationLimit\":25,"
                + "\"lineOfBusiness\":\"TICKET_SALES\",\"expiresInMinutes\":30,\"tokens\":[\"tok-1\"]}";
    }

    private static JsonNode assertError(HttpResponse<String> response, int status, String cause, String source, String outcome) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode reply = json(response.body());
        assertEquals("ERROR", text(reply, "result"));
        assertEquals(cause, text(reply, "error.cause"));
        assertEquals(source, text(reply, "error.source"));
        assertEquals(outcome, text(reply, "error.outcome"));
        assertEquals("order-42", text(reply, "correlationId"));
        assertFalse(response.body().contains("null"), response.body());
        return reply;
    }

    @Test
    void restCreatesASessionWithTheExactRequest() throws Exception {
        HttpResponse<String> response = adapter.postJson(request("REST01"));
        assertEquals(201, response.statusCode(), response.body());
        JsonNode reply = json(response.body());
        assertEquals("mpgs-rest", text(reply, "provider"));
        assertEquals("REST01", text(reply, "merchantId"));
        assertEquals("order-42", text(reply, "correlationId"));
        assertEquals("SESSION0002411702239G42317712I7", text(reply, "session.id"));
        assertEquals("DXbdcjSznnTId2lQWjs3Y4KVZuC4OPPn5bRkjCcm2sM=", text(reply, "session.aes256Key"));
        assertEquals("4e9556a901", text(reply, "session.version"));
        assertEquals("25", text(reply, "session.authenticationLimit"));
        assertEquals("TICKET_SALES", text(reply, "lineOfBusiness"));
        assertEquals("[\"expiresInMinutes\",\"tokens\"]", reply.get("ignoredFields").toString());
        assertEquals("201", text(reply, "upstream.httpStatus"));
        assertTrue(reply.get("upstream").get("latencyMs").asLong() >= 0);
        assertNull(reply.get("client"));

        Received sent = gateway.lastReceived();
        assertEquals("POST", sent.method());
        assertEquals("/api/rest/version/100/merchant/TESTAB2894354/session", sent.path());
        assertEquals("application/json; charset=UTF-8", sent.header("Content-Type"));
        assertEquals("{\"correlationId\":\"order-42\",\"session\":{\"authenticationLimit\":25},\"lineOfBusiness\":\"TICKET_SALES\"}",
                sent.bodyText());
    }

    @Test
    void nvpCreatesASessionWithTheExactForm() throws Exception {
        HttpResponse<String> response = adapter.postJson(request("NVP01"));
        assertEquals(201, response.statusCode(), response.body());
        JsonNode reply = json(response.body());
        assertEquals("mpgs-nvp", text(reply, "provider"));
        assertEquals("SESSION0002663432544J37502155E8", text(reply, "session.id"));
        assertEquals("DXbdcjSznnTId2lQWjs3Y4KVZuC4OPPn5bRkjCcm2sM=", text(reply, "session.aes256Key"), "percent-decoded");
        assertEquals("200", text(reply, "upstream.httpStatus"));

        Received sent = gateway.lastReceived();
        assertEquals("/api/nvp/version/100", sent.path());
        assertEquals("application/x-www-form-urlencoded; charset=UTF-8", sent.header("Content-Type"));
        assertEquals("apiOperation=CREATE_SESSION&apiUsername=merchant.TESTAB2894354&apiPassword=" + MpgsGateway.PASSWORD
                + "&merchant=TESTAB2894354&correlationId=order-42&session.authenticationLimit=25&lineOfBusiness=TICKET_SALES",
                sent.bodyText());
    }

    @Test
    void nvpCarriesAnInjectionAttemptAsOneValue() throws Exception {
        HttpResponse<String> response = adapter.postJson(
                "{\"merchantId\":\"NVP01\",\"correlationId\":\"x&apiOperation=PAY&merchant=EVIL\"}");
        assertEquals(201, response.statusCode(), response.body());
        assertEquals("x&apiOperation=PAY&merchant=EVIL", text(json(response.body()), "correlationId"));
        Map<String, String> form = MpgsGateway.form(gateway.lastReceived().bodyText());
        assertEquals(List.of("apiOperation", "apiUsername", "apiPassword", "merchant", "correlationId"), List.copyOf(form.keySet()));
        assertEquals("CREATE_SESSION", form.get("apiOperation"));
        assertEquals(MpgsGateway.MERCHANT, form.get("merchant"));
        assertEquals("x&apiOperation=PAY&merchant=EVIL", form.get("correlationId"));
    }

    @Test
    void restCarriesAnInjectionAttemptAsOneJsonString() throws Exception {
        HttpResponse<String> response = adapter.postJson(
                "{\"merchantId\":\"REST01\",\"correlationId\":\"x\\\",\\\"session\\\":{\\\"authenticationLimit\\\":99}}\"}");
        assertEquals(201, response.statusCode(), response.body());
        JsonNode sent = json(gateway.lastReceived().bodyText());
        assertEquals(1, sent.size());
        assertEquals("x\",\"session\":{\"authenticationLimit\":99}}", sent.get("correlationId").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"REST01", "NVP01"})
    void neverForwardsTheCallersHeadersNorReturnsTheGateways(String merchantId) throws Exception {
        HttpResponse<String> response = adapter.send(HttpRequest.newBuilder(adapter.uri("/api/v1/sessions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer caller-token-123")
                .header("Cookie", "caller=1")
                .header("X-Forwarded-For", "10.1.2.3")
                .header("X-Custom", "from-the-caller")
                .POST(HttpRequest.BodyPublishers.ofString(request(merchantId))));
        assertEquals(201, response.statusCode(), response.body());
        Received sent = gateway.lastReceived();
        for (String header : List.of("cookie", "x-forwarded-for", "x-custom", "camelhttpuri", "camelhttppath")) {
            assertNull(sent.header(header), header + " reached the gateway: " + sent.headers());
        }
        assertTrue(sent.headers().keySet().stream().noneMatch(h -> h.startsWith("camel")), "Camel headers upstream: " + sent.headers());
        String authorization = sent.header("Authorization");
        assertTrue(authorization == null || authorization.startsWith("Basic "), "the caller's Authorization went upstream");
        assertTrue(response.headers().firstValue("Set-Cookie").isEmpty(), "the gateway's cookie came back");
        assertTrue(response.headers().firstValue("X-Gateway-Node").isEmpty(), "the gateway's header came back");
    }

    @ParameterizedTest
    @CsvSource({"BADREST01", "BADNVP01"})
    void wrongCredentialsAreRejected(String merchantId) throws Exception {
        JsonNode reply = assertError(adapter.postJson(request(merchantId)), 403, "REQUEST_REJECTED", "PROVIDER", "NOT_CREATED");
        assertEquals("Invalid credentials.", text(reply, "error.explanation"));
        assertEquals("false", text(reply, "error.retryable"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "REST01, 400, application/json, mpgs-rest/error-invalid-field.json, 400, INVALID_REQUEST",
        "NVP01, 400, text/plain, mpgs-nvp/error-invalid-field.txt, 400, INVALID_REQUEST",
        "REST01, 403, application/json, mpgs-rest/error-request-rejected.json, 403, REQUEST_REJECTED",
        "NVP01, 200, text/plain, mpgs-nvp/error-request-rejected.txt, 403, REQUEST_REJECTED",
        "REST01, 500, application/json, mpgs-rest/error-server-failed.json, 502, SERVER_FAILED",
        "NVP01, 200, text/plain, mpgs-nvp/error-server-failed.txt, 502, SERVER_FAILED"})
    void keepsEveryGatewayCause(String merchantId, int gatewayStatus, String contentType, String fixture,
                                int status, String cause) throws Exception {
        gateway.behave(MpgsGateway.checkingCredentials(r -> StubUpstream.reply(gatewayStatus, contentType, Fixtures.bytes(fixture))));
        JsonNode reply = assertError(adapter.postJson(request(merchantId)), status, cause, "PROVIDER",
                cause.equals("SERVER_FAILED") ? "UNKNOWN" : "NOT_CREATED");
        assertEquals(cause, text(reply, "error.providerCode"));
        if (cause.equals("INVALID_REQUEST")) {
            assertEquals("authenticationLimit", text(reply, "error.field"));
            assertEquals("INVALID", text(reply, "error.validationType"));
            assertEquals("session.authenticationLimit", reply.get("error").get("providerErrors").get(0).get("field").asText());
        } else {
            assertTrue(text(reply, "error.supportCode") != null, "supportCode kept");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"REST01", "NVP01"})
    void busyCarriesRetryAfter(String merchantId) throws Exception {
        String fixture = merchantId.startsWith("REST") ? "mpgs-rest/error-server-busy.json" : "mpgs-nvp/error-server-busy.txt";
        gateway.behave(MpgsGateway.checkingCredentials(r -> StubUpstream.reply(503, "application/json",
                Map.of("Retry-After", "9"), Fixtures.bytes(fixture))));
        HttpResponse<String> response = adapter.postJson(request(merchantId));
        JsonNode reply = assertError(response, 503, "SERVER_BUSY", "PROVIDER", "NOT_CREATED");
        assertEquals("9", response.headers().firstValue("Retry-After").orElse(null));
        assertEquals("true", text(reply, "error.retryable"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REST01", "NVP01"})
    void aGatewayThatNeverAnswersIsATimeoutWithinTheResponseTimeout(String merchantId) throws Exception {
        gateway.behave(r -> StubUpstream.neverAnswer());
        long started = System.nanoTime();
        HttpResponse<String> response = adapter.postJson(request(merchantId));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertError(response, 504, "UPSTREAM_TIMEOUT", "TRANSPORT", "UNKNOWN");
        assertTrue(elapsedMs >= RESPONSE_TIMEOUT_MS - 50, "answered before the timeout: " + elapsedMs);
        assertTrue(elapsedMs < RESPONSE_TIMEOUT_MS + 3_000, "answered long after the timeout: " + elapsedMs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"REST01", "NVP01"})
    void aResetMidBodyIsAFailureWithUnknownOutcome(String merchantId) throws Exception {
        gateway.behave(r -> StubUpstream.resetMidBody());
        assertError(adapter.postJson(request(merchantId)), 502, "SERVER_FAILED", "TRANSPORT", "UNKNOWN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"REST01", "NVP01"})
    void aBodyCutShortIsAFailureWithUnknownOutcome(String merchantId) throws Exception {
        gateway.behave(r -> StubUpstream.closeMidBody());
        assertError(adapter.postJson(request(merchantId)), 502, "SERVER_FAILED", "TRANSPORT", "UNKNOWN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"REST01", "NVP01"})
    void aProxysHtml502IsAFailureOfTheTransport(String merchantId) throws Exception {
        gateway.behave(r -> StubUpstream.reply(502, "text/html", Fixtures.bytes("common/proxy-502.html")));
        JsonNode reply = assertError(adapter.postJson(request(merchantId)), 502, "SERVER_FAILED", "TRANSPORT", "UNKNOWN");
        assertTrue(text(reply, "error.explanation").contains("HTTP 502"), text(reply, "error.explanation"));
    }

    @ParameterizedTest
    @CsvSource({"REST01, mpgs-rest/truncated.json", "NVP01, mpgs-nvp/truncated.txt"})
    void truncatedContentIsAFailureOfTheTransport(String merchantId, String fixture) throws Exception {
        gateway.behave(MpgsGateway.checkingCredentials(r -> StubUpstream.reply(201, "application/json", Fixtures.bytes(fixture))));
        assertError(adapter.postJson(request(merchantId)), 502, "SERVER_FAILED", "TRANSPORT", "UNKNOWN");
    }
}
