package io.paymentsession.adapter.provider.paysecure;

import static io.paymentsession.adapter.provider.CanonicalAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.canonical.Outcome;
import io.paymentsession.adapter.canonical.ProviderError;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.provider.OutboundRequest;
import io.paymentsession.adapter.provider.ProviderSession;
import io.paymentsession.adapter.provider.UpstreamReply;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaySecureDialectTest {

    private static final MerchantAccount ACCOUNT = new MerchantAccount("PS-US-01", new Provider("paysecure"), "ACQ778812",
            Map.of("user-name", "adapter-user", "password", "ps-p\"w", "api-version", "3.2"));
    private static final ProviderSettings SETTINGS =
            ProviderSettings.from("paysecure", Map.of("url", "https://api.paysecure.acculynk.net"), Map.of());
    private static final Instant SENT_AT = Instant.parse("2026-11-21T20:00:00Z");
    private static final CreateSessionRequest FIFTEEN_MINUTES = new CreateSessionRequest("PS-US-01", "order-42", null, null,
            BigDecimal.valueOf(15), null, null);
    private final PaySecureDialect dialect = new PaySecureDialect();

    private static UpstreamReply reply(int status, String contentType, String fixture) {
        return new UpstreamReply(status, contentType, null, Fixtures.bytes(fixture), SENT_AT);
    }

    @Test
    void buildsTheExactRequest() {
        OutboundRequest outbound = dialect.request(FIFTEEN_MINUTES, ACCOUNT, SETTINGS);
        assertEquals("POST", outbound.method());
        assertEquals("https://api.paysecure.acculynk.net/CreateSession", outbound.uri());
        assertEquals(Map.of("Content-Type", "application/json", "Accept", "application/json"), outbound.headers());
        assertEquals("{\"Credentials\":{\"MerchantId\":\"ACQ778812\",\"UserName\":\"adapter-user\",\"Password\":\"ps-p\\\"w\","
                + "\"Version\":\"3.2\"},\"SessionExpiryInMin\":15}", outbound.bodyText());
        assertEquals(Set.of("correlationId", "expiresInMinutes"), dialect.carriedFields());
    }

    @Test
    void leavesTheExpiryToPaySecureWhenNoneIsAsked() {
        CreateSessionRequest request = new CreateSessionRequest("PS-US-01", null, null, null, new BigDecimal("0.5"), null, null);
        assertEquals("{\"Credentials\":{\"MerchantId\":\"ACQ778812\",\"UserName\":\"adapter-user\",\"Password\":\"ps-p\\\"w\","
                + "\"Version\":\"3.2\"},\"SessionExpiryInMin\":0.5}", dialect.request(request, ACCOUNT, SETTINGS).bodyText());
        CreateSessionRequest none = new CreateSessionRequest("PS-US-01", null, null, null, null, null, null);
        assertEquals("{\"Credentials\":{\"MerchantId\":\"ACQ778812\",\"UserName\":\"adapter-user\",\"Password\":\"ps-p\\\"w\","
                + "\"Version\":\"3.2\"}}", dialect.request(none, ACCOUNT, SETTINGS).bodyText());
    }

    @Test
    void readsTheSessionItsExpiryAndItsTimestamps() {
        ProviderSession session = dialect.reply(FIFTEEN_MINUTES, reply(200, "application/json; charset=utf-8", "paysecure/success.json"));
        assertEquals("7c9e6679-7425-40de-944b-e07fc1f90ae7", session.session().id());
        assertEquals("2026-11-21T20:15:00Z", session.session().expiresAt());
        assertEquals(Map.of(
                "AppLayer", Map.of("InTime", "2023-11-14T22:13:20Z", "OutTime", "2023-11-14T22:13:20.123Z"),
                "Network", Map.of("InTime", "1969-12-31T23:59:59Z")), session.timestamps());
        assertEquals(List.of("AppLayer", "Network"), List.copyOf(session.timestamps().keySet()), "PaySecure's order");
        assertNull(dialect.reply(new CreateSessionRequest("PS-US-01", null, null, null, null, null, null),
                reply(200, "application/json", "paysecure/success.json")).session().expiresAt(), "no expiry asked, none known");
    }

    @Test
    void treatsA200WithAnErrorCodeAsARejection() {
        CanonicalException refused = assertRefused(Cause.REQUEST_REJECTED, ErrorSource.PROVIDER, 403,
                () -> dialect.reply(FIFTEEN_MINUTES, reply(200, "application/json", "paysecure/error-business.json")));
        assertEquals(Outcome.NOT_CREATED, refused.error().outcome());
        assertEquals("PS1042", refused.error().providerCode());
        assertEquals("Merchant is not enabled for pinless sessions", refused.error().explanation());
    }

    @Test
    void mapsServiceStackErrors() {
        CanonicalException invalid = assertRefused(Cause.INVALID_REQUEST, ErrorSource.PROVIDER, 400,
                () -> dialect.reply(FIFTEEN_MINUTES, reply(400, "application/json", "paysecure/error-400-validation.json")));
        assertEquals("expiresInMinutes", invalid.error().field());
        assertEquals("InclusiveBetween", invalid.error().providerCode());
        assertEquals(List.of(new ProviderError("InclusiveBetween", "'Session Expiry In Min' must be between 1 and 60.",
                "SessionExpiryInMin")), invalid.error().providerErrors());

        for (int status : new int[] {401, 403}) {
            assertEquals("Invalid UserName or Password", assertRefused(Cause.REQUEST_REJECTED, ErrorSource.PROVIDER, 403,
                    () -> dialect.reply(FIFTEEN_MINUTES, reply(status, "application/json", "paysecure/error-401-unauthorized.json")))
                    .error().explanation());
        }
        assertEquals("NullReferenceException", assertRefused(Cause.SERVER_FAILED, ErrorSource.PROVIDER, 502,
                () -> dialect.reply(FIFTEEN_MINUTES, reply(500, "application/json", "paysecure/error-500-exception.json")))
                .error().providerCode());
    }

    @Test
    void serviceUnavailableIsBusyWithRetryAfter() {
        CanonicalException busy = assertRefused(Cause.SERVER_BUSY, ErrorSource.PROVIDER, 503, () -> dialect.reply(FIFTEEN_MINUTES,
                new UpstreamReply(503, "application/json", "30", Fixtures.bytes("paysecure/error-503-service-unavailable.json"), SENT_AT)));
        assertEquals("ServiceUnavailable", busy.error().providerCode());
        assertEquals("The service is temporarily unavailable.", busy.error().explanation());
        assertEquals(Map.of("Retry-After", "30"), busy.replyHeaders());
        assertEquals(Map.of("Retry-After", "5"), assertRefused(Cause.SERVER_BUSY, ErrorSource.PROVIDER, 503,
                () -> dialect.reply(FIFTEEN_MINUTES, reply(503, "application/json", "paysecure/error-503-service-unavailable.json")))
                .replyHeaders());
    }

    @Test
    void refusesWhatIsNotTheDialect() {
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(FIFTEEN_MINUTES, reply(200, "text/csv", "paysecure/success.csv")));
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(FIFTEEN_MINUTES, reply(200, "application/json", "paysecure/success-bad-date.json")));
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(FIFTEEN_MINUTES, reply(200, "application/json", "paysecure/neither-session-nor-error.json")));
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(FIFTEEN_MINUTES, reply(502, "text/html", "common/proxy-502.html")));
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(FIFTEEN_MINUTES, reply(500, "application/json", "worldline/error-without-errors.json")));
    }
}
