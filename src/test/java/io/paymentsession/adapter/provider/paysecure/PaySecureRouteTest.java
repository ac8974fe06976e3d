package io.paymentsession.adapter.provider.paysecure;

import static io.paymentsession.adapter.Replies.assertError;
import static io.paymentsession.adapter.Replies.json;
import static io.paymentsession.adapter.Replies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.RunningAdapter;
import io.paymentsession.adapter.stub.StubProviders;
import io.paymentsession.adapter.stub.StubUpstream;
import io.paymentsession.adapter.stub.StubUpstream.Received;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PaySecure through the real adapter against a stub that checks the Credentials and asks for JSON like the service. */
class PaySecureRouteTest {

    private static StubUpstream paysecure;
    private static RunningAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        paysecure = StubUpstream.start(StubProviders.samples());
        adapter = RunningAdapter.start(StubProviders.liveConfig(paysecure.url(), 800));
    }

    @AfterAll
    static void stop() throws Exception {
        adapter.close();
        paysecure.close();
    }

    @BeforeEach
    void reset() {
        paysecure.behave(StubProviders.samples());
        paysecure.clear();
    }

    @Test
    void createsASessionWithItsExpiryAndTimestamps() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> response = adapter.postJson("{\"merchantId\":\"PS01\",\"correlationId\":\"order-42\","
                + "\"expiresInMinutes\":15,\"lineOfBusiness\":\"RETAIL\",\"tokens\":[\"t\"]}");
        Instant after = Instant.now();
        assertEquals(201, response.statusCode(), response.body());
        JsonNode reply = json(response.body());
        assertEquals("paysecure", text(reply, "provider"));
        assertEquals("order-42", text(reply, "correlationId"));
        assertEquals("7c9e6679-7425-40de-944b-e07fc1f90ae7", text(reply, "session.id"));
        String expiry = text(reply, "session.expiresAt");
        assertTrue(expiry.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z"), "ISO-8601 UTC in ms: " + expiry);
        Instant expiresAt = Instant.parse(expiry);
        assertTrue(!expiresAt.isBefore(before.truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofMinutes(15)))
                && !expiresAt.isAfter(after.plus(Duration.ofMinutes(15))), "expiresAt " + expiresAt);
        assertEquals("[\"lineOfBusiness\",\"tokens\"]", reply.get("ignoredFields").toString());
        assertEquals("200", text(reply, "upstream.httpStatus"));
        assertEquals("{\"AppLayer\":{\"InTime\":\"2023-11-14T22:13:20Z\",\"OutTime\":\"2023-11-14T22:13:20.123Z\"},"
                + "\"Network\":{\"InTime\":\"1969-12-31T23:59:59Z\"}}", reply.get("upstream").get("timestamps").toString());

        Received sent = paysecure.lastReceived();
        assertEquals("/CreateSession", sent.path());
        assertEquals("application/json", sent.header("Content-Type"));
        assertEquals("application/json", sent.header("Accept"));
        assertEquals("{\"Credentials\":{\"MerchantId\":\"ACQ778812\",\"UserName\":\"adapter-user\",\"Password\":\""
                + StubProviders.PAYSECURE_PASSWORD + "\",\"Version\":\"3.2\"},\"SessionExpiryInMin\":15}", sent.bodyText());
    }

    @Test
    void aBusinessErrorIn200IsARejection() throws Exception {
        paysecure.behave(StubProviders.checkingCredentials(r -> StubUpstream.reply(200, "application/json",
                Fixtures.bytes("paysecure/error-business.json"))));
        HttpResponse<String> response = adapter.postJson("{\"merchantId\":\"PS01\",\"correlationId\":\"order-42\"}");
        JsonNode reply = assertError(response, 403, "REQUEST_REJECTED", "PROVIDER", "NOT_CREATED");
        assertEquals("PS1042", text(reply, "error.providerCode"));
        assertEquals("Merchant is not enabled for pinless sessions", text(reply, "error.explanation"));
    }

    @Test
    void aServiceStackValidationErrorNamesTheCanonicalField() throws Exception {
        paysecure.behave(StubProviders.checkingCredentials(r -> StubUpstream.reply(400, "application/json",
                Fixtures.bytes("paysecure/error-400-validation.json"))));
        HttpResponse<String> response = adapter.postJson("{\"merchantId\":\"PS01\",\"correlationId\":\"order-42\",\"expiresInMinutes\":90}");
        JsonNode reply = assertError(response, 400, "INVALID_REQUEST", "PROVIDER", "NOT_CREATED");
        assertEquals("expiresInMinutes", text(reply, "error.field"));
        assertEquals("SessionExpiryInMin", reply.get("error").get("providerErrors").get(0).get("field").asText());
    }

    @Test
    void aServiceStackExceptionIsAProviderFailure() throws Exception {
        paysecure.behave(StubProviders.checkingCredentials(r -> StubUpstream.reply(500, "application/json",
                Fixtures.bytes("paysecure/error-500-exception.json"))));
        HttpResponse<String> response = adapter.postJson("{\"merchantId\":\"PS01\",\"correlationId\":\"order-42\"}");
        assertError(response, 502, "SERVER_FAILED", "PROVIDER", "UNKNOWN");
    }

    @Test
    void serviceUnavailableIsBusyWithRetryAfter() throws Exception {
        paysecure.behave(StubProviders.checkingCredentials(r -> StubUpstream.reply(503, "application/json",
                Map.of("Retry-After", "30"), Fixtures.bytes("paysecure/error-503-service-unavailable.json"))));
        HttpResponse<String> response = adapter.postJson("{\"merchantId\":\"PS01\",\"correlationId\":\"order-42\"}");
        JsonNode reply = assertError(response, 503, "SERVER_BUSY", "PROVIDER", "NOT_CREATED");
        assertEquals("30", response.headers().firstValue("Retry-After").orElse(null));
        assertEquals("true", text(reply, "error.retryable"));
        assertEquals("ServiceUnavailable", text(reply, "error.providerCode"));
    }
}
