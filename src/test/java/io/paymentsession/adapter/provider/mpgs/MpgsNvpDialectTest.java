package io.paymentsession.adapter.provider.mpgs;

import static io.paymentsession.adapter.provider.CanonicalAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.canonical.ProviderError;
import io.paymentsession.adapter.canonical.Session;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.provider.OutboundRequest;
import io.paymentsession.adapter.provider.UpstreamReply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MpgsNvpDialectTest {

    private static final MerchantAccount ACCOUNT = new MerchantAccount("TESTMERCH01", new Provider("mpgs-nvp"), "TESTAB2894354",
            Map.of("password", "s3cr3t"));
    private static final ProviderSettings SETTINGS =
            ProviderSettings.from("mpgs-nvp", Map.of("url", "https://na.gateway.mastercard.com"), Map.of("version", "100"));
    private static final CreateSessionRequest REQUEST = new CreateSessionRequest("TESTMERCH01", null, null, null, null, null, null);
    private final MpgsNvpDialect dialect = new MpgsNvpDialect();

    private static UpstreamReply reply(int status, String fixture) {
        return new UpstreamReply(status, "text/plain;charset=UTF-8", null, Fixtures.bytes(fixture), null);
    }

    @Test
    void buildsTheExactRequest() {
        CreateSessionRequest request = new CreateSessionRequest("TESTMERCH01", "order-42", 25, "TICKET_SALES", null, null, null);
        OutboundRequest outbound = dialect.request(request, ACCOUNT, SETTINGS);
        assertEquals("POST", outbound.method());
        assertEquals("https://na.gateway.mastercard.com/api/nvp/version/100", outbound.uri());
        assertEquals(Map.of("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"), outbound.headers());
        assertEquals("apiOperation=CREATE_SESSION&apiUsername=merchant.TESTAB2894354&apiPassword=s3cr3t&merchant=TESTAB2894354"
                + "&correlationId=order-42&session.authenticationLimit=25&lineOfBusiness=TICKET_SALES", outbound.bodyText());
    }

    @Test
    void noValueCanAddAParameter() {
        MerchantAccount account = new MerchantAccount("TESTMERCH01", new Provider("mpgs-nvp"), "TESTAB2894354",
                Map.of("password", "p&w=d+%"));
        CreateSessionRequest request = new CreateSessionRequest("TESTMERCH01", "x&apiOperation=PAY&merchant=EVIL", null,
                null, null, null, null);
        OutboundRequest outbound = dialect.request(request, account, SETTINGS);
        assertEquals("apiOperation=CREATE_SESSION&apiUsername=merchant.TESTAB2894354&apiPassword=p%26w%3Dd%2B%25"
                + "&merchant=TESTAB2894354&correlationId=x%26apiOperation%3DPAY%26merchant%3DEVIL", outbound.bodyText());
        Map<String, String> decoded = FormCodec.decode(outbound.bodyText()).orElseThrow();
        assertEquals(List.of("apiOperation", "apiUsername", "apiPassword", "merchant", "correlationId"), List.copyOf(decoded.keySet()));
        assertEquals("x&apiOperation=PAY&merchant=EVIL", decoded.get("correlationId"));
        assertEquals("p&w=d+%", decoded.get("apiPassword"));
    }

    @Test
    void encodesUnicodeAsUtf8() {
        OutboundRequest outbound = dialect.request(new CreateSessionRequest("TESTMERCH01", "é €", null, null, null, null, null),
                ACCOUNT, SETTINGS);
        assertTrue(outbound.bodyText().endsWith("&correlationId=%C3%A9+%E2%82%AC"), outbound.bodyText());
    }

    @Test
    void readsASuccessAndDecodesTheKey() {
        Session session = dialect.reply(REQUEST, reply(200, "mpgs-nvp/success.txt")).session();
        assertEquals(new Session("SESSION0002663432544J37502155E8", "NO_UPDATE", "bbdb1a4601", 25,
                "DXbdcjSznnTId2lQWjs3Y4KVZuC4OPPn5bRkjCcm2sM=", null), session);
        assertEquals("+/ab+cd/0123456789abcdefghijklmnopqrstuvwxy=",
                dialect.reply(REQUEST, reply(200, "mpgs-nvp/success-key-with-plus-and-slash.txt")).session().aes256Key());
    }

    @Test
    void judgesByResultNotByStatus() {
        assertEquals("SESSION0002663432544J37502155E8", dialect.reply(REQUEST, reply(500, "mpgs-nvp/success.txt")).session().id());
        assertRefused(Cause.SERVER_BUSY, ErrorSource.PROVIDER, 503, () -> dialect.reply(REQUEST, reply(200, "mpgs-nvp/error-server-busy.txt")));
    }

    @Test
    void keepsTheGatewaysErrorAndItsRawField() {
        CanonicalException refused = assertRefused(Cause.INVALID_REQUEST, ErrorSource.PROVIDER, 400,
                () -> dialect.reply(REQUEST, reply(200, "mpgs-nvp/error-invalid-operation.txt")));
        assertEquals("Value 'PAY' is invalid.", refused.error().explanation());
        assertNull(refused.error().field(), "apiOperation has no canonical name");
        assertEquals(List.of(new ProviderError("INVALID_REQUEST", "Value 'PAY' is invalid.", "apiOperation")),
                refused.error().providerErrors());

        CanonicalException field = assertRefused(Cause.INVALID_REQUEST, ErrorSource.PROVIDER, 400,
                () -> dialect.reply(REQUEST, reply(400, "mpgs-nvp/error-invalid-field.txt")));
        assertEquals("authenticationLimit", field.error().field());
    }

    @Test
    void mapsEveryOtherCause() {
        assertRefused(Cause.REQUEST_REJECTED, ErrorSource.PROVIDER, 403, () -> dialect.reply(REQUEST, reply(401, "mpgs-nvp/error-invalid-credentials.txt")));
        assertEquals("7c1b3e2a9f", assertRefused(Cause.REQUEST_REJECTED, ErrorSource.PROVIDER, 403,
                () -> dialect.reply(REQUEST, reply(200, "mpgs-nvp/error-request-rejected.txt"))).error().supportCode());
        assertEquals("a41f09c3d2", assertRefused(Cause.SERVER_FAILED, ErrorSource.PROVIDER, 502,
                () -> dialect.reply(REQUEST, reply(200, "mpgs-nvp/error-server-failed.txt"))).error().supportCode());
    }

    @Test
    void anErrorWithHttp503IsBusyWhateverItsCause() {
        CanonicalException busy = assertRefused(Cause.SERVER_BUSY, ErrorSource.PROVIDER, 503,
                () -> dialect.reply(REQUEST, reply(503, "mpgs-nvp/error-server-failed.txt")));
        assertEquals("SERVER_FAILED", busy.error().providerCode());
        assertEquals("a41f09c3d2", busy.error().supportCode());
    }

    @Test
    void hasASupportCodeOnlyWhenTheGatewayGivesOne() {
        assertNull(assertRefused(Cause.INVALID_REQUEST, ErrorSource.PROVIDER, 400,
                () -> dialect.reply(REQUEST, reply(400, "mpgs-nvp/error-invalid-field.txt"))).error().supportCode());
        assertNull(assertRefused(Cause.SERVER_BUSY, ErrorSource.PROVIDER, 503,
                () -> dialect.reply(REQUEST, reply(200, "mpgs-nvp/error-server-busy.txt"))).error().supportCode());
    }

    @Test
    void refusesWhatIsNotAForm() {
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502, () -> dialect.reply(REQUEST, reply(502, "common/proxy-502.html")));
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502, () -> dialect.reply(REQUEST, reply(200, "mpgs-nvp/truncated.txt")));
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(REQUEST, new UpstreamReply(200, "text/plain", null, "result=SUCCESS&result=ERROR".getBytes(), null)));
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(REQUEST, new UpstreamReply(200, "text/plain", null, new byte[0], null)));
    }
}
