package io.paymentsession.adapter.provider.mpgs;

import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.Replies;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import io.paymentsession.adapter.stub.StubUpstream.Received;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What only the Mastercard dialects do, through the real adapter against the stub gateway: the exact wire
 * format, injection attempts, and the gateway's own error causes. What all dialects share is in ProviderRoutesTest.
 */
class MpgsRouteTest {

    private static StubUpstream gateway;
    private static RunningAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        gateway = StubUpstream.start(StubProviders.samples());
        adapter = RunningAdapter.start(StubProviders.liveConfig(gateway.url(), 800));
    }

    @AfterAll
    static void stop() throws Exception {
        adapter.close();
        gateway.close();
    }

    @BeforeEach
    void reset() {
        gateway.behave(StubProviders.samples());
        gateway.clear();
    }

    private static String request(String merchantId) {
        return "{\"merchantId\":\"" + merchantId + "\",\"correlationId\":\"order-42\",\"authenticationLimit\":25,"
                + "\"lineOfBusiness\":\"TICKET_SALES\",\"expiresInMinutes\":30,\"tokens\":[\"tok-1\"]}";
    }

    /** A canonical error that echoes the request's correlationId. */
    private static JsonNode assertError(HttpResponse<String> response, int status, String cause, String source, String outcome) {
        JsonNode reply = Replies.assertError(response, status, cause, source, outcome);
        assertEquals("order-42", text(reply, "correlationId"));
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
        assertEquals("apiOperation=CREATE_SESSION&apiUsername=merchant.TESTAB2894354&apiPassword=" + StubProviders.MPGS_PASSWORD
                + "&merchant=TESTAB2894354&correlationId=order-42&session.authenticationLimit=25&lineOfBusiness=TICKET_SALES",
                sent.bodyText());
    }

    @Test
    void nvpCarriesAnInjectionAttemptAsOneValue() throws Exception {
        HttpResponse<String> response = adapter.postJson(
                "{\"merchantId\":\"NVP01\",\"correlationId\":\"x&apiOperation=PAY&merchant=EVIL\"}");
        assertEquals(201, response.statusCode(), response.body());
        assertEquals("x&apiOperation=PAY&merchant=EVIL", text(json(response.body()), "correlationId"));
        Map<String, String> form = StubProviders.form(gateway.lastReceived().bodyText());
        assertEquals(List.of("apiOperation", "apiUsername", "apiPassword", "merchant", "correlationId"), List.copyOf(form.keySet()));
        assertEquals("CREATE_SESSION", form.get("apiOperation"));
        assertEquals(StubProviders.MPGS_MERCHANT, form.get("merchant"));
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
        gateway.behave(StubProviders.checkingCredentials(r -> StubUpstream.reply(gatewayStatus, contentType, Fixtures.bytes(fixture))));
        JsonNode reply = assertError(adapter.postJson(request(merchantId)), status, cause, "PROVIDER",
                cause.equals("SERVER_FAILED") ? "UNKNOWN" : "NOT_CREATED");
        assertEquals(cause, text(reply, "error.providerCode"));
        if (cause.equals("INVALID_REQUEST")) {
            assertEquals("authenticationLimit", text(reply, "error.field"));
            assertEquals("INVALID", text(reply, "error.validationType"));
            assertEquals("session.authenticationLimit", reply.get("error").get("providerErrors").get(0).get("field").asText());
            assertFalse(reply.get("error").has("supportCode"), "no supportCode when the gateway gives none");
        } else {
            assertEquals(cause.equals("SERVER_FAILED") ? "a41f09c3d2" : "7c1b3e2a9f", text(reply, "error.supportCode"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"REST01", "NVP01"})
    void busyCarriesRetryAfter(String merchantId) throws Exception {
        String fixture = merchantId.startsWith("REST") ? "mpgs-rest/error-server-busy.json" : "mpgs-nvp/error-server-busy.txt";
        gateway.behave(StubProviders.checkingCredentials(r -> StubUpstream.reply(503, "application/json",
                Map.of("Retry-After", "9"), Fixtures.bytes(fixture))));
        HttpResponse<String> response = adapter.postJson(request(merchantId));
        JsonNode reply = assertError(response, 503, "SERVER_BUSY", "PROVIDER", "NOT_CREATED");
        assertEquals("9", response.headers().firstValue("Retry-After").orElse(null));
        assertEquals("true", text(reply, "error.retryable"));
    }





}
