package io.paymentsession.adapter.provider.mpgs;

import static io.paymentsession.adapter.provider.CanonicalAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.canonical.ProviderError;
import io.paymentsession.adapter.canonical.Session;
import io.paymentsession.adapter.canonical.ValidationType;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.provider.OutboundRequest;
import io.paymentsession.adapter.provider.UpstreamReply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MpgsRestDialectTest {

    private static final MerchantAccount ACCOUNT = new MerchantAccount("TESTMERCH01", new Provider("mpgs-rest"), "TESTAB2894354",
            Map.of("password", "s3cr3t"));
    private static final ProviderSettings SETTINGS =
            ProviderSettings.from("mpgs-rest", Map.of("url", "https://na.gateway.mastercard.com"), Map.of("version", "100"));
    private static final CreateSessionRequest REQUEST = new CreateSessionRequest("TESTMERCH01", null, null, null, null, null, null);
    private final MpgsRestDialect dialect = new MpgsRestDialect();

    private static UpstreamReply reply(int status, String contentType, String fixture) {
        return new UpstreamReply(status, contentType, null, Fixtures.bytes(fixture), null);
    }

    @Test
    void buildsTheExactRequest() {
        CreateSessionRequest request = new CreateSessionRequest("TESTMERCH01", "order-42", 25, "TICKET_SALES",
                null, List.of("tok"), null);
        OutboundRequest outbound = dialect.request(request, ACCOUNT, SETTINGS);
        assertEquals("POST", outbound.method());
        assertEquals("https://na.gateway.mastercard.com/api/rest/version/100/merchant/TESTAB2894354/session", outbound.uri());
        assertEquals(Map.of(
                "Content-Type", "application/json; charset=UTF-8",
                "Accept", "application/json",
                "Authorization", "Basic bWVyY2hhbnQuVEVTVEFCMjg5NDM1NDpzM2NyM3Q="), outbound.headers());
        assertEquals("{\"correlationId\":\"order-42\",\"session\":{\"authenticationLimit\":25},\"lineOfBusiness\":\"TICKET_SALES\"}",
                outbound.bodyText());
    }

    @Test
    void sendsAnEmptyObjectWhenNothingOptionalIsGiven() {
        OutboundRequest outbound = dialect.request(new CreateSessionRequest("TESTMERCH01", null, null, null, null, null, null),
                ACCOUNT, SETTINGS);
        assertEquals("{}", outbound.bodyText());
    }

    @Test
    void encodesTheBodyAsUtf8AndEscapesJson() {
        OutboundRequest outbound = dialect.request(new CreateSessionRequest("TESTMERCH01", "é\"},\"x\":\"", null, null, null, null, null),
                ACCOUNT, SETTINGS);
        assertEquals("{\"correlationId\":\"é\\\"},\\\"x\\\":\\\"\"}", new String(outbound.body(), StandardCharsets.UTF_8));
        assertEquals(2, "é".getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void carriesOnlyWhatTheGatewayTakes() {
        assertEquals(Set.of("correlationId", "authenticationLimit", "lineOfBusiness"), dialect.carriedFields());
    }

    @Test
    void readsTheRealSuccessReply() {
        Session session = dialect.reply(REQUEST, reply(201, "application/json;charset=UTF-8", "mpgs-rest/success.json")).session();
        assertEquals(new Session("SESSION0002411702239G42317712I7", "NO_UPDATE", "4e9556a901", 25,
                "DXbdcjSznnTId2lQWjs3Y4KVZuC4OPPn5bRkjCcm2sM=", null), session);
    }

    @Test
    void keepsAFieldErrorInCanonicalNames() {
        CanonicalException refused = assertRefused(Cause.INVALID_REQUEST, ErrorSource.PROVIDER, 400,
                () -> dialect.reply(REQUEST, reply(400, "application/json;charset=UTF-8", "mpgs-rest/error-invalid-field.json")));
        assertEquals("authenticationLimit", refused.error().field());
        assertEquals(ValidationType.INVALID, refused.error().validationType());
        assertEquals("Value '26' is invalid. Length/Value must be between 0 and 25", refused.error().explanation());
        assertEquals("INVALID_REQUEST", refused.error().providerCode());
        assertEquals(List.of(new ProviderError("INVALID_REQUEST", "Value '26' is invalid. Length/Value must be between 0 and 25",
                "session.authenticationLimit")), refused.error().providerErrors());
    }

    @Test
    void treats401AsRejectedCredentials() {
        CanonicalException refused = assertRefused(Cause.REQUEST_REJECTED, ErrorSource.PROVIDER, 403,
                () -> dialect.reply(REQUEST, reply(401, "application/json;charset=ISO-8859-1", "mpgs-rest/error-invalid-credentials.json")));
        assertEquals("Invalid credentials.", refused.error().explanation());
        assertEquals("INVALID_REQUEST", refused.error().providerCode());
    }

    @Test
    void keepsTheSupportCodeOfARejection() {
        CanonicalException refused = assertRefused(Cause.REQUEST_REJECTED, ErrorSource.PROVIDER, 403,
                () -> dialect.reply(REQUEST, reply(403, "application/json", "mpgs-rest/error-request-rejected.json")));
        assertEquals("7c1b3e2a9f", refused.error().supportCode());
        assertNull(refused.error().field());
    }

    @Test
    void passesTheGatewaysRetryAfterOnWhenBusy() {
        CanonicalException refused = assertRefused(Cause.SERVER_BUSY, ErrorSource.PROVIDER, 503, () -> dialect.reply(REQUEST, 
                new UpstreamReply(503, "application/json", "7", Fixtures.bytes("mpgs-rest/error-server-busy.json"), null)));
        assertEquals(Map.of("Retry-After", "7"), refused.replyHeaders());
        assertEquals("The server is busy. Please retry.", refused.error().explanation());
    }

    @Test
    void defaultsRetryAfterWhenTheGatewaySaysNothingUsable() {
        CanonicalException refused = assertRefused(Cause.SERVER_BUSY, ErrorSource.PROVIDER, 503, () -> dialect.reply(REQUEST, 
                new UpstreamReply(503, "application/json", "Fri, 31 Dec 1999 23:59:59 GMT", Fixtures.bytes("mpgs-rest/error-server-busy.json"), null)));
        assertEquals(Map.of("Retry-After", "5"), refused.replyHeaders());
    }

    @Test
    void anErrorWithHttp503IsBusyWhateverItsCause() {
        CanonicalException busy = assertRefused(Cause.SERVER_BUSY, ErrorSource.PROVIDER, 503,
                () -> dialect.reply(REQUEST, reply(503, "application/json", "mpgs-rest/error-server-failed.json")));
        assertEquals("SERVER_FAILED", busy.error().providerCode());
        assertEquals("a41f09c3d2", busy.error().supportCode());
        assertEquals(Map.of("Retry-After", "5"), busy.replyHeaders());
    }

    @Test
    void hasASupportCodeOnlyWhenTheGatewayGivesOne() {
        assertNull(assertRefused(Cause.INVALID_REQUEST, ErrorSource.PROVIDER, 400,
                () -> dialect.reply(REQUEST, reply(400, "application/json", "mpgs-rest/error-invalid-field.json"))).error().supportCode());
        assertNull(assertRefused(Cause.SERVER_BUSY, ErrorSource.PROVIDER, 503,
                () -> dialect.reply(REQUEST, reply(503, "application/json", "mpgs-rest/error-server-busy.json"))).error().supportCode());
    }

    @Test
    void reportsAGatewayFailureWithItsSupportCode() {
        CanonicalException refused = assertRefused(Cause.SERVER_FAILED, ErrorSource.PROVIDER, 502,
                () -> dialect.reply(REQUEST, reply(500, "application/json", "mpgs-rest/error-server-failed.json")));
        assertEquals("a41f09c3d2", refused.error().supportCode());
    }

    @Test
    void refusesWhatIsNotTheDialect() {
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(REQUEST, reply(502, "text/html", "common/proxy-502.html")));
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(REQUEST, reply(201, "application/json", "mpgs-rest/truncated.json")));
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(REQUEST, reply(201, "application/json", "mpgs-rest/success-without-session-id.json")));
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(REQUEST, reply(201, "text/html", "mpgs-rest/success.json")));
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(REQUEST, new UpstreamReply(201, null, null, new byte[0], null)));
    }
}
