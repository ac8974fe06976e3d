package io.paymentsession.adapter.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.merchant.ProviderSettings;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every dialect of {@link Dialects#ALL} declares its secrets ({@link Dialect#secrets()}), and the one masking code hides
 * them, however they are encoded, and changes nothing else. A new dialect that forgets a secret fails here.
 */
class RequestSecretsTest {

    /** Characters each wire format must escape, so a secret is looked for in every encoding. */
    private static final String PASSWORD = "p&w=d+%\"\\ü 1";
    private static final String SECRET_API_KEY = "I42Zf4pV/nRdro+HfuHn=";
    private static final CreateSessionRequest REQUEST = new CreateSessionRequest("M01", "order-42", 25, "TICKET_SALES",
            new BigDecimal("1E+1"), List.of("tok"), null);

    private static MerchantAccount account(Dialect dialect) {
        return new MerchantAccount("M01", new Provider(dialect.id()), "PROV01", Map.of("password", PASSWORD,
                "secret-api-key", SECRET_API_KEY, "api-key-id", "key-id-1", "user-name", "user-1", "api-version", "3.2"));
    }

    private static ProviderSettings settings(Dialect dialect) {
        return ProviderSettings.from(dialect.id(), Map.of("url", "https://gateway.example"),
                dialect.settings(Map.of(), "adapter.providers." + dialect.id() + "."));
    }

    @Test
    void everyDialectMasksItsSecretsInEveryEncoding() {
        for (Dialect dialect : Dialects.ALL) {
            OutboundRequest sent = dialect.request(REQUEST, account(dialect), settings(dialect));
            OutboundRequest shown = dialect.secrets().mask(sent);
            String text = shown.headers() + " " + shown.bodyText();
            for (String secret : List.of(PASSWORD, SECRET_API_KEY, URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8),
                    "p&w=d+%\\\"\\\\", "p\\u0026w", base64Fragment(sent))) {
                assertFalse(text.contains(secret), dialect.id() + " shows " + secret + ": " + text);
            }
            assertTrue(text.contains(RequestSecrets.MASK), dialect.id() + ": " + text);
            assertEquals(sent.method(), shown.method());
            assertEquals(sent.uri(), shown.uri());
            assertEquals(sent.headers().keySet(), shown.headers().keySet());
        }
    }

    /** The credentials inside an Authorization value ("Basic xyz", "GCS v1HMAC:id:signature"): none may be shown. */
    private static String base64Fragment(OutboundRequest sent) {
        String authorization = sent.headers().get("Authorization");
        return authorization == null ? "no Authorization" : authorization.substring(authorization.length() - 8);
    }

    @Test
    void keepsTheSchemeOfAnAuthorizationAndMasksAValueWithoutIt() {
        RequestSecrets secrets = RequestSecrets.header("Authorization", "Basic ");
        String basic = "Basic " + Base64.getEncoder().encodeToString("merchant.X:pw".getBytes(StandardCharsets.UTF_8));
        assertEquals("Basic ***", secrets.mask(request(Map.of("Authorization", basic), "")).headers().get("Authorization"));
        assertEquals("***", secrets.mask(request(Map.of("Authorization", "Bearer abc"), "")).headers().get("Authorization"));
        assertEquals(Map.of("Accept", "application/json"), secrets.mask(request(Map.of("Accept", "application/json"), "")).headers());
    }

    @Test
    void masksOnlyTheSecretFormValueAndKeepsTheRestAsEncoded() {
        RequestSecrets secrets = RequestSecrets.formField("apiPassword");
        assertEquals("a=x%26apiPassword%3Dq&apiPassword=***&b=&c",
                secrets.mask(request(Map.of(), "a=x%26apiPassword%3Dq&apiPassword=p%26w&b=&c")).bodyText());
    }

    @Test
    void masksOnlyTheSecretJsonMemberAndKeepsNumbersAsWritten() {
        RequestSecrets secrets = RequestSecrets.jsonMember("/Credentials/Password");
        assertEquals("{\"Credentials\":{\"Password\":\"***\",\"Version\":\"3.2\"},\"SessionExpiryInMin\":1E+1,\"n\":0.50}",
                secrets.mask(request(Map.of(), "{\"Credentials\":{\"Password\":\"p\\\"w\",\"Version\":\"3.2\"},"
                        + "\"SessionExpiryInMin\":1E+1,\"n\":0.50}")).bodyText());
        assertEquals("{\"Other\":1}", secrets.mask(request(Map.of(), "{\"Other\":1}")).bodyText());
        assertEquals(RequestSecrets.MASK, secrets.mask(request(Map.of(), "Password=p")).bodyText());
    }

    private static OutboundRequest request(Map<String, String> headers, String body) {
        return new OutboundRequest("POST", "https://gateway.example/x", headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
