package io.paymentsession.adapter.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.CreateSessionRequestParser;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.provider.Dialect;
import io.paymentsession.adapter.provider.Dialects;
import io.paymentsession.adapter.provider.OutboundRequest;
import io.paymentsession.adapter.provider.worldline.WorldlineDialect;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each simulator checks credentials as its provider does: the request each dialect really builds passes with the
 * merchant's credentials and fails with any one of them wrong; Worldline's signature also fails on a stale Date or a
 * header it did not sign.
 */
class SimulatorsTest {

    private static final CreateSessionRequest REQUEST = new CreateSessionRequestParser()
            .parse("{\"merchantId\":\"M1\",\"correlationId\":\"order-1\",\"authenticationLimit\":3}".getBytes(StandardCharsets.UTF_8));
    private static final Map<String, String> CREDENTIALS = Map.of("password", "pw-1", "api-key-id", "key-1",
            "secret-api-key", "secret-1", "user-name", "user-1", "api-version", "3.2");

    private static MerchantAccount account(Dialect dialect, Map<String, String> credentials) {
        Map<String, String> own = new HashMap<>();
        dialect.credentialKeys().forEach(key -> own.put(key, credentials.get(key)));
        return new MerchantAccount("M1", new Provider(dialect.id()), "PM1", own);
    }

    private static SimulatedRequest sent(Dialect dialect, MerchantAccount account) {
        String prefix = "adapter.providers." + dialect.id() + ".";
        ProviderSettings settings = ProviderSettings.from(dialect.id(), Map.of("url", "http://127.0.0.1:1"),
                dialect.settings(Map.of(), prefix));
        OutboundRequest request = dialect.request(REQUEST, account, settings);
        Map<String, String> headers = new HashMap<>();
        request.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        return new SimulatedRequest(request.method(), URI.create(request.uri()).getRawPath(), headers, request.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mpgs-rest", "mpgs-nvp", "worldline", "paysecure"})
    void acceptsTheMerchantsCredentialsAndRefusesAnyOneWrong(String provider) {
        Dialect dialect = Dialects.byId(provider).orElseThrow();
        ProviderSimulator simulator = Simulators.of(provider).orElseThrow();
        List<MerchantAccount> merchants = List.of(account(dialect, CREDENTIALS));
        assertTrue(simulator.authentic(sent(dialect, account(dialect, CREDENTIALS)), merchants), provider);
        for (String key : dialect.credentialKeys()) {
            Map<String, String> wrong = new HashMap<>(CREDENTIALS);
            wrong.put(key, CREDENTIALS.get(key) + "-wrong");
            assertFalse(simulator.authentic(sent(dialect, account(dialect, wrong)), merchants), provider + " with a wrong " + key);
        }
        MerchantAccount otherMerchant = new MerchantAccount("M2", new Provider(provider), "PM2", account(dialect, CREDENTIALS).credentials());
        assertFalse(simulator.authentic(sent(dialect, otherMerchant), merchants), provider + " for a merchant it does not know");
    }

    @Test
    void worldlineRefusesAStaleDateAndAHeaderItDidNotSign() {
        Dialect stale = new WorldlineDialect(Clock.fixed(Instant.now().minus(Duration.ofMinutes(20)), ZoneOffset.UTC));
        MerchantAccount account = account(stale, CREDENTIALS);
        ProviderSimulator simulator = Simulators.of("worldline").orElseThrow();
        assertFalse(simulator.authentic(sent(stale, account), List.of(account)), "a Date 20 minutes old");
        Dialect now = Dialects.byId("worldline").orElseThrow();
        SimulatedRequest signed = sent(now, account);
        assertTrue(simulator.authentic(signed, List.of(account)));
        Map<String, String> otherType = new HashMap<>(signed.headers());
        otherType.put("content-type", "application/json; charset=UTF-8");
        assertFalse(simulator.authentic(new SimulatedRequest(signed.method(), signed.path(), otherType, signed.body()),
                List.of(account)), "a Content-Type that was not signed");
    }
}
