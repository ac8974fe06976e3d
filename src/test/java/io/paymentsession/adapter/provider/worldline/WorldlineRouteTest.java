package io.paymentsession.adapter.provider.worldline;

import static io.paymentsession.adapter.Replies.assertError;
import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import io.paymentsession.adapter.stub.StubUpstream.Received;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Worldline through the real adapter against a stub that recomputes the v1HMAC signature from what
 * arrived on the wire, as Worldline does, with an integrator configured so X-GCS-ServerMetaInfo is signed too.
 */
class WorldlineRouteTest {

    private static StubUpstream worldline;
    private static RunningAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        worldline = StubUpstream.start(StubProviders.samples());
        Map<String, String> config = new HashMap<>(StubProviders.liveConfig(worldline.url(), 800));
        config.put("adapter.providers.worldline.integrator", "ACME Checkout");
        adapter = RunningAdapter.start(config);
    }

    @AfterAll
    static void stop() throws Exception {
        adapter.close();
        worldline.close();
    }

    @BeforeEach
    void reset() {
        worldline.behave(StubProviders.samples());
        worldline.clear();
    }

    @Test
    void createsASignedSessionWithTokensAndFilters() throws Exception {
        HttpResponse<String> response = adapter.postJson("{\"merchantId\":\"WL01\",\"correlationId\":\"order-42\","
                + "\"authenticationLimit\":5,\"tokens\":[\"126166b16ed04b3ab85fb06da1d7a167\"],"
                + "\"paymentProductFilters\":{\"restrictTo\":{\"groups\":[\"cards\"]},\"exclude\":{\"products\":[117]}}}");
        assertEquals(201, response.statusCode(), response.body());
        JsonNode reply = json(response.body());
        assertEquals("worldline", text(reply, "provider"));
        assertEquals("order-42", text(reply, "correlationId"));
        assertEquals("f084372052fb47d9a766ec35bfa0e6bd", text(reply, "session.id"));
        assertNull(reply.get("session").get("aes256Key"));
        assertEquals("9991-0b67467b30df4c6d8649c8adc568fd0f", text(reply, "client.customerId"));
        assertEquals("https://eu.api-ingenico.com/client", text(reply, "client.clientApiUrl"));
        assertEquals("https://payment.pay1.checkout.worldline-solutions.com/", text(reply, "client.assetUrl"));
        assertEquals("EU", text(reply, "client.region"));
        assertEquals(4, reply.get("client").get("invalidTokens").size());
        assertEquals("[\"authenticationLimit\"]", reply.get("ignoredFields").toString());
        assertEquals("201", text(reply, "upstream.httpStatus"));

        Received sent = worldline.lastReceived();
        assertEquals("POST", sent.method());
        assertEquals("/v1/9991/sessions", sent.path());
        assertEquals("application/json", sent.header("Content-Type"));
        assertTrue(sent.header("Date").matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"), sent.header("Date"));
        assertTrue(sent.header("Authorization").startsWith("GCS v1HMAC:" + StubProviders.WORLDLINE_KEY_ID + ":"));
        assertTrue(new String(Base64.getDecoder().decode(sent.header("X-GCS-ServerMetaInfo")), StandardCharsets.UTF_8)
                .contains("\"integrator\":\"ACME Checkout\""));
        assertEquals("{\"tokens\":[\"126166b16ed04b3ab85fb06da1d7a167\"],\"paymentProductFilters\":"
                + "{\"restrictTo\":{\"groups\":[\"cards\"]},\"exclude\":{\"products\":[117]}}}", sent.bodyText());
    }

    @Test
    void sendsAnEmptyObjectWhenThereIsNothingToCarry() throws Exception {
        assertEquals(201, adapter.postJson("{\"merchantId\":\"WL01\"}").statusCode());
        assertEquals("{}", worldline.lastReceived().bodyText());
    }

    @Test
    void namesTheRefusedFieldCanonically() throws Exception {
        worldline.behave(StubProviders.checkingCredentials(r -> StubUpstream.reply(400, "application/json",
                Fixtures.bytes("worldline/error-400-two-errors.json"))));
        HttpResponse<String> response = adapter.postJson("{\"merchantId\":\"WL01\",\"correlationId\":\"order-42\"}");
        JsonNode reply = assertError(response, 400, "INVALID_REQUEST", "PROVIDER", "NOT_CREATED");
        assertEquals("paymentProductFilters.restrictTo.products", text(reply, "error.field"));
        assertEquals("INVALID", text(reply, "error.validationType"));
        assertEquals("21000020", text(reply, "error.providerCode"));
        assertEquals(2, reply.get("error").get("providerErrors").size());
        assertEquals("tokens[0]", reply.get("error").get("providerErrors").get(1).get("field").asText());
    }

    @ParameterizedTest(name = "HTTP {0} -> {3}")
    @CsvSource({
        "404, worldline/error-404-unknown-merchant.json, 403, REQUEST_REJECTED, NOT_CREATED",
        "409, worldline/error-409-duplicate-in-progress.json, 409, REQUEST_IN_PROGRESS, UNKNOWN",
        "409, worldline/error-409-other-conflict.json, 503, SERVER_BUSY, NOT_CREATED",
        "503, worldline/error-503-unavailable.json, 503, SERVER_BUSY, NOT_CREATED",
        "500, worldline/error-500-unknown-server-error.json, 502, SERVER_FAILED, UNKNOWN"})
    void mapsWorldlinesStatuses(int status, String fixture, int httpStatus, String cause, String outcome) throws Exception {
        worldline.behave(StubProviders.checkingCredentials(r -> StubUpstream.reply(status, "application/json",
                Map.of("Retry-After", "12"), Fixtures.bytes(fixture))));
        HttpResponse<String> response = adapter.postJson("{\"merchantId\":\"WL01\",\"correlationId\":\"order-42\"}");
        assertError(response, httpStatus, cause, "PROVIDER", outcome);
        boolean retryLater = cause.equals("SERVER_BUSY") || cause.equals("REQUEST_IN_PROGRESS");
        assertEquals(retryLater ? "12" : null, response.headers().firstValue("Retry-After").orElse(null));
    }
}
