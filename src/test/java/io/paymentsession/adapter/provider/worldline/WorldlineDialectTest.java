package io.paymentsession.adapter.provider.worldline;

import static io.paymentsession.adapter.provider.CanonicalAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.Fixtures;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.ClientSession;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.canonical.PaymentProductFilters;
import io.paymentsession.adapter.canonical.ProductFilter;
import io.paymentsession.adapter.canonical.Outcome;
import io.paymentsession.adapter.canonical.ProviderError;
import io.paymentsession.adapter.canonical.ValidationType;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.provider.OutboundRequest;
import io.paymentsession.adapter.provider.ProviderSession;
import io.paymentsession.adapter.provider.UpstreamReply;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorldlineDialectTest {

    private static final String SECRET = "I42Zf4pVnRdroHfuHnRiJjJ2B6+22h0yQt/R3nZR8Xg=";
    private static final MerchantAccount ACCOUNT = new MerchantAccount("WL-EU-01", new Provider("worldline"), "9991",
            Map.of("api-key-id", "5e45c937b9db33ae", "secret-api-key", SECRET));
    private static final ProviderSettings SETTINGS =
            ProviderSettings.from("worldline", Map.of("url", "https://eu.sandbox.api-ingenico.com"), Map.of());
    private static final CreateSessionRequest BARE = new CreateSessionRequest("WL-EU-01", "order-42", null, null, null, null, null);
    private final WorldlineDialect dialect = new WorldlineDialect(
            Clock.fixed(Instant.parse("2014-06-06T13:39:43Z"), ZoneOffset.UTC));

    private static UpstreamReply reply(int status, String contentType, String fixture) {
        return new UpstreamReply(status, contentType, null, Fixtures.bytes(fixture), null);
    }

    @Test
    void buildsTheSignedCreateSessionRequestOfTheExample() {
        OutboundRequest outbound = dialect.request(BARE, ACCOUNT, SETTINGS);
        assertEquals("POST", outbound.method());
        assertEquals("https://eu.sandbox.api-ingenico.com/v1/9991/sessions", outbound.uri());
        assertEquals(Map.of(
                "Content-Type", "application/json",
                "Date", "Fri, 06 Jun 2014 13:39:43 GMT",
                "Authorization", "GCS v1HMAC:5e45c937b9db33ae:szgH6D8yVxN5YOAchHfJnMPaAiOnAgjj/O6cFXPHKgo="), outbound.headers());
        assertEquals("{}", outbound.bodyText());
    }

    @Test
    void carriesTokensAndFiltersAsWorldlineNamesThem() {
        CreateSessionRequest request = new CreateSessionRequest("WL-EU-01", "order-42", 5, "RETAIL", null,
                List.of("126166b16ed04b3ab85fb06da1d7a167"),
                new PaymentProductFilters(new ProductFilter(List.of("cards"), List.of(1, 3)), new ProductFilter(null, List.of(117))));
        assertEquals("{\"tokens\":[\"126166b16ed04b3ab85fb06da1d7a167\"],\"paymentProductFilters\":"
                + "{\"restrictTo\":{\"groups\":[\"cards\"],\"products\":[1,3]},\"exclude\":{\"products\":[117]}}}",
                dialect.request(request, ACCOUNT, SETTINGS).bodyText());
        assertEquals(Set.of("correlationId", "tokens", "paymentProductFilters"), dialect.carriedFields());
    }

    @Test
    void signsTheServerMetaInfoWhenAnIntegratorIsConfigured() {
        ProviderSettings withIntegrator = ProviderSettings.from("worldline", Map.of("url", SETTINGS.url()),
                Map.of("integrator", "ACME Checkout"));
        OutboundRequest outbound = dialect.request(BARE, ACCOUNT, withIntegrator);
        String metaInfo = outbound.headers().get("X-GCS-ServerMetaInfo");
        assertEquals("{\"platformIdentifier\":\"Java\",\"sdkIdentifier\":\"PaymentSessionAdapter/1.0\","
                + "\"sdkCreator\":\"PaymentSessionAdapter\",\"integrator\":\"ACME Checkout\"}",
                new String(Base64.getDecoder().decode(metaInfo), StandardCharsets.UTF_8));
        String expected = V1HmacSigner.signature(SECRET, "POST\napplication/json\nFri, 06 Jun 2014 13:39:43 GMT\n"
                + "x-gcs-servermetainfo:" + metaInfo + "\n/v1/9991/sessions\n");
        assertEquals("GCS v1HMAC:5e45c937b9db33ae:" + expected, outbound.headers().get("Authorization"));
    }

    @Test
    void readsTheExampleSession() {
        ProviderSession session = dialect.reply(BARE, reply(200, "application/json", "worldline/success.json"));
        assertEquals("f084372052fb47d9a766ec35bfa0e6bd", session.session().id());
        assertNull(session.session().aes256Key());
        assertEquals(new ClientSession("9991-0b67467b30df4c6d8649c8adc568fd0f", "https://eu.api-ingenico.com/client",
                "https://payment.pay1.checkout.worldline-solutions.com/", "EU",
                List.of("126166b16ed04b3ab85fb06da1d7a167", "226166b16ed04b3ab85fb06da1d7a167",
                        "326166b16ed04b3ab85fb06da1d7a167", "426166b16ed04b3ab85fb06da1d7a167")), session.client());
        assertEquals(List.of(), dialect.reply(BARE, reply(201, "application/json", "worldline/success-no-invalid-tokens.json"))
                .client().invalidTokens());
    }

    @Test
    void keepsEveryValidationErrorAndNamesTheFirstField() {
        CanonicalException refused = assertRefused(Cause.INVALID_REQUEST, ErrorSource.PROVIDER, 400,
                () -> dialect.reply(BARE, reply(400, "application/json", "worldline/error-400-two-errors.json")));
        assertEquals("paymentProductFilters.restrictTo.products", refused.error().field());
        assertEquals(ValidationType.INVALID, refused.error().validationType());
        assertEquals("21000020", refused.error().providerCode());
        assertEquals("VALUE_OUT_OF_RANGE", refused.error().explanation());
        assertEquals(List.of(
                new ProviderError("21000020", "VALUE_OUT_OF_RANGE", "paymentProductFilters.restrictTo.products[1]"),
                new ProviderError("20000000", "PARAMETER_NOT_FOUND_IN_REQUEST", "tokens[0]")), refused.error().providerErrors());

        CanonicalException tokens = assertRefused(Cause.INVALID_REQUEST, ErrorSource.PROVIDER, 400,
                () -> dialect.reply(BARE, reply(400, "application/json", "worldline/error-400-parameter-not-found.json")));
        assertEquals("tokens", tokens.error().field());
        assertEquals("20000000", tokens.error().providerCode());
    }

    @ParameterizedTest(name = "HTTP {0} -> {2}")
    @CsvSource({
        "401, worldline/error-401-authorization.json, REQUEST_REJECTED, 403, 9002",
        "403, worldline/error-401-authorization.json, REQUEST_REJECTED, 403, 9002",
        "404, worldline/error-404-unknown-merchant.json, REQUEST_REJECTED, 403, 1004",
        "410, worldline/error-404-unknown-merchant.json, REQUEST_REJECTED, 403, 1004",
        "409, worldline/error-409-duplicate-in-progress.json, REQUEST_IN_PROGRESS, 409, 1409",
        "409, worldline/error-409-other-conflict.json, SERVER_BUSY, 503, 1408",
        "503, worldline/error-503-unavailable.json, SERVER_BUSY, 503, 9999",
        "500, worldline/error-500-unknown-server-error.json, SERVER_FAILED, 502, 9999",
        "502, worldline/error-500-unknown-server-error.json, SERVER_FAILED, 502, 9999"})
    void mapsTheStatus(int status, String fixture, Cause cause, int httpStatus, String providerCode) {
        CanonicalException refused = assertRefused(cause, ErrorSource.PROVIDER, httpStatus,
                () -> dialect.reply(BARE, reply(status, "application/json", fixture)));
        assertEquals(providerCode, refused.error().providerCode());
        assertNull(refused.error().field());
        if (cause == Cause.SERVER_BUSY || cause == Cause.REQUEST_IN_PROGRESS) {
            assertEquals("5", refused.replyHeaders().get("Retry-After"));
        }
    }

    @Test
    void aDuplicateStillInProgressMayYetCreateASession() {
        CanonicalException refused = assertRefused(Cause.REQUEST_IN_PROGRESS, ErrorSource.PROVIDER, 409, () -> dialect.reply(BARE,
                new UpstreamReply(409, "application/json", "3", Fixtures.bytes("worldline/error-409-duplicate-in-progress.json"), null)));
        assertEquals(Outcome.UNKNOWN, refused.error().outcome());
        assertTrue(refused.error().retryable());
        assertEquals(Map.of("Retry-After", "3"), refused.replyHeaders());
        assertEquals("DUPLICATE_REQUEST_IN_PROGRESS", refused.error().explanation());
    }

    @Test
    void refusesWhatIsNotTheDialect() {
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(BARE, reply(404, "text/html", "common/proxy-502.html")));
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(BARE, reply(502, "text/html", "common/proxy-502.html")));
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(BARE, reply(400, "application/json", "worldline/error-without-errors.json")));
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(BARE, reply(200, "application/json", "worldline/success-without-client-session-id.json")));
        assertRefused(Cause.SERVER_FAILED, ErrorSource.TRANSPORT, 502,
                () -> dialect.reply(BARE, reply(200, "text/plain", "worldline/success.json")));
    }
}
