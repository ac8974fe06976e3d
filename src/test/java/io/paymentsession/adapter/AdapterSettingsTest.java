package io.paymentsession.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paymentsession.adapter.api.HttpLimits;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.doors.JmsDoorSettings;
import io.paymentsession.adapter.idempotency.IdempotencySettings;
import io.paymentsession.adapter.merchant.ConfigurationException;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.MerchantDirectory;
import io.paymentsession.adapter.merchant.Mode;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.observe.tracing.TracingSettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdapterSettingsTest {

    private static final Map<String, String> LIVE_TABLE = Map.ofEntries(
            Map.entry("adapter.providers.mpgs-rest.connect-timeout-ms", "2000"),
            Map.entry("adapter.providers.mpgs-rest.response-timeout-ms", "10000"),
            Map.entry("adapter.providers.mpgs-rest.call-timeout-ms", "14200"),
            Map.entry("adapter.mode", "live"),
            Map.entry("adapter.providers.mpgs-rest.url", "https://na.gateway.mastercard.com/"),
            Map.entry("adapter.merchants.TESTMERCH01.provider", "mpgs-rest"),
            Map.entry("adapter.merchants.TESTMERCH01.provider-merchant-id", "TESTAB2894354"),
            Map.entry("adapter.merchants.TESTMERCH01.password", "pw"),
            Map.entry("adapter.merchants.WL-EU-01.provider", "worldline"),
            Map.entry("adapter.merchants.WL-EU-01.api-key-id", "KEYID-VALUE-1"),
            Map.entry("adapter.merchants.WL-EU-01.secret-api-key", "SECRET-VALUE-2"),
            Map.entry("adapter.providers.worldline.url", "https://eu.sandbox.api-ingenico.com"),
            Map.entry("adapter.merchants.LOCAL01.provider", "local"));

    private static CreateSessionRequest request(String merchantId) {
        return new CreateSessionRequest(merchantId, "c", null, null, null, null, null);
    }

    @Test
    void defaultsToLocalModeWithNoConfiguration() {
        AdapterSettings settings = AdapterSettings.from(Map.of());
        assertEquals(Mode.LOCAL, settings.mode());
        assertEquals(100_000, settings.storeMaxSessions());
        assertEquals(32 * 1024 * 1024, settings.storeMaxBytes());
        assertEquals(Provider.LOCAL, settings.merchantDirectory().accountFor(request("ANY")).provider());
        assertEquals(new HttpLimits(60_000, 10_000, 30_000, 256), settings.httpLimits());
    }

    @Test
    void sandboxModeHasTheFourBuiltInMerchantsAndNeedsNoUrlNorCredentials() {
        AdapterSettings settings = AdapterSettings.from(Map.of("adapter.mode", "sandbox",
                "adapter.merchants.WL01.provider", "worldline",
                "adapter.merchants.WL01.secret-api-key", "own-secret",
                "adapter.merchants.SANDBOX-PAYSECURE.provider", "local"));
        assertEquals(Mode.SANDBOX, settings.mode());
        MerchantDirectory directory = settings.merchantDirectory();
        assertEquals(new Provider("mpgs-rest"), directory.accountFor(request("SANDBOX-MPGS-REST")).provider());
        assertEquals(new Provider("mpgs-nvp"), directory.accountFor(request("SANDBOX-MPGS-NVP")).provider());
        assertEquals(new Provider("worldline"), directory.accountFor(request("SANDBOX-WORLDLINE")).provider());
        assertEquals(Provider.LOCAL, directory.accountFor(request("SANDBOX-PAYSECURE")).provider(), "a configured row wins");
        MerchantAccount own = directory.accountFor(request("WL01"));
        assertEquals("own-secret", own.credential("secret-api-key"), "a given credential is used");
        assertEquals("sandbox-api-key-id", own.credential("api-key-id"), "a missing one is a placeholder");
        assertThrows(CanonicalException.class, () -> directory.accountFor(request("NOPE")), "unknown merchants refused as live");
        ConfigurationException mode = assertThrows(ConfigurationException.class,
                () -> AdapterSettings.from(Map.of("adapter.mode", "test")));
        assertEquals("adapter.mode: must be 'local', 'live' or 'sandbox'", mode.getMessage());
    }

    @Test
    void readsTheApiPortLimits() {
        AdapterSettings settings = AdapterSettings.from(Map.of("adapter.http.idle-timeout-ms", "1000",
                "adapter.http.header-timeout-ms", "2000", "adapter.http.body-timeout-ms", "3000",
                "adapter.http.max-connections", "40"));
        assertEquals(new HttpLimits(1000, 2000, 3000, 40), settings.httpLimits());
    }

    @Test
    void readsTheRoutingTable() {
        AdapterSettings settings = AdapterSettings.from(LIVE_TABLE);
        MerchantAccount mpgs = settings.merchantDirectory().accountFor(request("TESTMERCH01"));
        assertEquals(new Provider("mpgs-rest"), mpgs.provider());
        assertEquals("TESTAB2894354", mpgs.providerMerchantId());
        assertEquals("pw", mpgs.credential("password"));
        MerchantAccount worldline = settings.merchantDirectory().accountFor(request("WL-EU-01"));
        assertEquals("WL-EU-01", worldline.providerMerchantId(), "defaults to the merchantId");
        assertEquals(Provider.LOCAL, settings.merchantDirectory().accountFor(request("LOCAL01")).provider());
        ProviderSettings mpgsSettings = settings.providers().get("mpgs-rest");
        assertEquals("https://na.gateway.mastercard.com", mpgsSettings.url(), "trailing slash dropped");
        assertEquals("100", mpgsSettings.dialectSetting("version"), "Mastercard's default API version");
        Map<String, String> withIntegrator = new HashMap<>(LIVE_TABLE);
        withIntegrator.put("adapter.providers.worldline.integrator", "ACME Checkout");
        assertEquals("ACME Checkout", AdapterSettings.from(withIntegrator).providers().get("worldline").dialectSetting("integrator"));
    }

    @Test
    void everyProviderHasItsSettingsWithTheDocumentedDefaults() {
        AdapterSettings settings = AdapterSettings.from(LIVE_TABLE);
        assertEquals(Set.of("mpgs-rest", "mpgs-nvp", "worldline", "paysecure"), settings.providers().keySet());
        ProviderSettings paysecure = settings.providers().get("paysecure");
        assertNull(paysecure.url(), "no merchant uses it");
        assertEquals(List.of(2000, 10000, 15000, 1, 200, 64, 1024, 1000, 1048576),
                List.of(paysecure.connectTimeoutMs(), paysecure.responseTimeoutMs(), paysecure.callTimeoutMs(),
                        paysecure.connectRetries(), paysecure.connectRetryBackoffMs(), paysecure.maxConcurrentCalls(),
                        paysecure.maxQueuedCalls(), paysecure.queueWaitMs(), paysecure.maxReplyBytes()));
        assertEquals(new ProviderSettings.Breaker(50, 10, 30, 2), paysecure.breaker());
        assertEquals("100", settings.providers().get("mpgs-nvp").dialectSetting("version"));
        assertNull(settings.providers().get("worldline").dialectSetting("integrator"));

        Map<String, String> tuned = new HashMap<>(LIVE_TABLE);
        tuned.put("adapter.providers.worldline.max-queued-calls", "0");
        tuned.put("adapter.providers.worldline.queue-wait-ms", "250");
        ProviderSettings worldline = AdapterSettings.from(tuned).providers().get("worldline");
        assertEquals(List.of(0, 250), List.of(worldline.maxQueuedCalls(), worldline.queueWaitMs()));
    }

    @Test
    void refusesAnUnknownMerchantInLiveModeOnly() {
        CanonicalException refused = assertThrows(CanonicalException.class,
                () -> AdapterSettings.from(LIVE_TABLE).merchantDirectory().accountFor(request("NOPE")));
        assertEquals("merchantId", refused.error().field());
        assertEquals("NOPE", refused.merchantId());

        Map<String, String> local = new HashMap<>(LIVE_TABLE);
        local.put("adapter.mode", "local");
        assertEquals(Provider.LOCAL, AdapterSettings.from(local).merchantDirectory().accountFor(request("NOPE")).provider());
        assertEquals(Provider.LOCAL, AdapterSettings.from(local).merchantDirectory().accountFor(request("TESTMERCH01")).provider(),
                "local mode serves every merchant from the store, whatever the table says");
    }

    static Stream<Arguments> refusedAtStartUp() {
        return Stream.of(
                Arguments.of("adapter.merchants.TESTMERCH01.provider", "stripe", "adapter.merchants.TESTMERCH01.provider"),
                Arguments.of("adapter.merchants.TESTMERCH01.password", "", "adapter.merchants.TESTMERCH01.password"),
                Arguments.of("adapter.merchants.WL-EU-01.secret-api-key", " ", "adapter.merchants.WL-EU-01.secret-api-key"),
                Arguments.of("adapter.merchants.TESTMERCH01.api-key-id", "x", "adapter.merchants.TESTMERCH01.api-key-id"),
                Arguments.of("adapter.merchants.TESTMERCH01.pasword", "x", "adapter.merchants.TESTMERCH01.pasword"),
                Arguments.of("adapter.merchants.BAD.ID.provider", "local", "adapter.merchants.BAD.ID.provider"),
                Arguments.of("adapter.merchants.TESTMERCH01.provider-merchant-id", "../x", "adapter.merchants.TESTMERCH01.provider-merchant-id"),
                Arguments.of("adapter.mode", "production", "adapter.mode"),
                Arguments.of("adapter.store.max-sessions", "0", "adapter.store.max-sessions"),
                Arguments.of("adapter.store.max-bytes", "1048575", "adapter.store.max-bytes"),
                Arguments.of("adapter.store.max-bytes", "64MB", "adapter.store.max-bytes"),
                Arguments.of("adapter.store.max-bytes", "4294967296", "adapter.store.max-bytes"),
                Arguments.of("adapter.providers.mpgs-rest.url", "ftp://example.com", "adapter.providers.mpgs-rest.url"),
                Arguments.of("adapter.providers.mpgs-rest.url", "https://example.com/?a=b", "adapter.providers.mpgs-rest.url"),
                Arguments.of("adapter.providers.mpgs-rest.version", "v100", "adapter.providers.mpgs-rest.version"),
                Arguments.of("adapter.providers.mpgs-rest.response-timeout-ms", "-1", "adapter.providers.mpgs-rest.response-timeout-ms"),
                Arguments.of("adapter.providers.stripe.url", "https://x", "adapter.providers.stripe.url"),
                Arguments.of("adapter.providers.worldline.url", "", "adapter.providers.worldline.url"),
                Arguments.of("adapter.providers.worldline.version", "1", "adapter.providers.worldline.version"),
                Arguments.of("adapter.providers.mpgs-rest.integrator", "ACME", "adapter.providers.mpgs-rest.integrator"),
                Arguments.of("adapter.providers.worldline.integrator", "", "adapter.providers.worldline.integrator"),
                Arguments.of("adapter.providers.mpgs-rest.max-reply-bytes", "100", "adapter.providers.mpgs-rest.max-reply-bytes"),
                Arguments.of("adapter.providers.mpgs-rest.connect-retries", "9", "adapter.providers.mpgs-rest.connect-retries"),
                Arguments.of("adapter.providers.mpgs-rest.breaker-failure-rate-threshold", "101",
                        "adapter.providers.mpgs-rest.breaker-failure-rate-threshold"),
                Arguments.of("adapter.providers.mpgs-rest.trust-store", "/no/such/file.p12", "adapter.providers.mpgs-rest.trust-store"),
                Arguments.of("adapter.providers.mpgs-rest.call-timeout-ms", "14199", "adapter.providers.mpgs-rest.call-timeout-ms"),
                // the defaults count too: 2 x 2000 + 200 + 12000 is more than the default 15000
                Arguments.of("adapter.providers.paysecure.response-timeout-ms", "12000", "adapter.providers.paysecure.call-timeout-ms"),
                Arguments.of("adapter.providers.mpgs-rest.max-concurrent-calls", "0", "adapter.providers.mpgs-rest.max-concurrent-calls"),
                Arguments.of("adapter.providers.mpgs-rest.max-queued-calls", "-1", "adapter.providers.mpgs-rest.max-queued-calls"),
                Arguments.of("adapter.providers.mpgs-rest.queue-wait-ms", "60001", "adapter.providers.mpgs-rest.queue-wait-ms"),
                Arguments.of("adapter.providers.paysecure.version", "100", "adapter.providers.paysecure.version"),
                Arguments.of("adapter.http.idle-timeout-ms", "0", "adapter.http.idle-timeout-ms"),
                Arguments.of("adapter.http.header-timeout-ms", "10s", "adapter.http.header-timeout-ms"),
                Arguments.of("adapter.http.body-timeout-ms", "600001", "adapter.http.body-timeout-ms"),
                Arguments.of("adapter.http.max-connections", "0", "adapter.http.max-connections"),
                Arguments.of("adapter.http.read-timeout-ms", "1000", "adapter.http.read-timeout-ms"),
                Arguments.of("adapter.idempotency.ttl-seconds", "0", "adapter.idempotency.ttl-seconds"),
                Arguments.of("adapter.idempotency.ttl-seconds", "1day", "adapter.idempotency.ttl-seconds"),
                Arguments.of("adapter.idempotency.lease-seconds", "3601", "adapter.idempotency.lease-seconds"),
                Arguments.of("adapter.idempotency.max-keys", "0", "adapter.idempotency.max-keys"),
                Arguments.of("adapter.idempotency.max-key", "10", "adapter.idempotency.max-key"),
                Arguments.of("adapter.store.type", "disk", "adapter.store.type"),
                // the URL with the in-memory store: it would be ignored, so it is refused
                Arguments.of("adapter.store.redis.url", "redis://:s3cret-pass@redis:6379", "adapter.store.redis.url"),
                Arguments.of("adapter.whatever", "1", "adapter.whatever"));
    }

    @Test
    void readsTheSharedStore() {
        assertEquals(AdapterSettings.StoreType.MEMORY, AdapterSettings.from(Map.of()).storeType());
        for (String url : List.of("redis://redis:6379/0", "rediss://user:pw@redis.example.com", "redis://127.0.0.1:7000/")) {
            AdapterSettings settings = AdapterSettings.from(Map.of("adapter.store.type", "redis", "adapter.store.redis.url", url));
            assertEquals(AdapterSettings.StoreType.REDIS, settings.storeType());
            assertEquals(url, settings.storeRedisUrl());
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badRedisUrls")
    void refusesABadRedisUrlNamingTheKeyNeverThePassword(String url) {
        Map<String, String> properties = new HashMap<>(Map.of("adapter.store.type", "redis"));
        if (url != null) {
            properties.put("adapter.store.redis.url", url);
        }
        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> AdapterSettings.from(properties));
        assertTrue(refused.getMessage().startsWith("adapter.store.redis.url: "), refused.getMessage());
        assertFalse(refused.getMessage().contains("s3cret"), refused.getMessage());
    }

    static Stream<String> badRedisUrls() {
        return Stream.of(null, "", "http://:s3cret@redis:6379", "redis://:s3cret@:6379", "redis://:s3cret@redis:99999",
                "redis://:s3cret@redis:6379/zero", "redis://:s3cret@redis:6379/0?timeout=1", "redis://:s3cret pass@redis",
                "s3cret");
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("refusedAtStartUp")
    void refusesABadSettingNamingItsKey(String key, String value, String named) {
        Map<String, String> properties = new HashMap<>(LIVE_TABLE);
        properties.put(key, value);
        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> AdapterSettings.from(properties));
        assertTrue(refused.getMessage().startsWith(named + ": "), refused.getMessage());
        if (value.length() > 2) {
            // the value may be a mistyped secret: the line names the key only
            assertFalse(refused.getMessage().substring(named.length()).contains(value), refused.getMessage());
        }
    }

    @Test
    void readsTheIdempotencyKeysAndDerivesEachLease() {
        IdempotencySettings defaults = AdapterSettings.from(Map.of()).idempotency();
        assertEquals(Duration.ofSeconds(86_400), defaults.ttl());
        assertEquals(100_000, defaults.maxKeys());
        // the provider's call-timeout-ms plus 5 s, rounded up; the local store's own
        assertEquals(Duration.ofSeconds(20), defaults.leaseFor(15_000));
        assertEquals(Duration.ofSeconds(20), defaults.leaseFor(14_200));
        assertEquals(IdempotencySettings.LOCAL_LEASE, defaults.leaseFor(null));
        IdempotencySettings set = AdapterSettings.from(Map.of("adapter.idempotency.ttl-seconds", "60",
                "adapter.idempotency.lease-seconds", "9", "adapter.idempotency.max-keys", "500")).idempotency();
        assertEquals(new IdempotencySettings(Duration.ofSeconds(60), Duration.ofSeconds(9), 500), set);
        assertEquals(Duration.ofSeconds(9), set.leaseFor(15_000));
        assertEquals(Duration.ofSeconds(9), set.leaseFor(null));
    }

    @Test
    void refusesLiveModeWithoutMerchants() {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> AdapterSettings.from(Map.of("adapter.mode", "live")));
        assertTrue(refused.getMessage().startsWith("adapter.mode: "), refused.getMessage());
    }

    @Test
    void refusesAMerchantWhoseProviderHasNoUrl() {
        Map<String, String> properties = new HashMap<>(LIVE_TABLE);
        properties.remove("adapter.providers.worldline.url");
        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> AdapterSettings.from(properties));
        assertTrue(refused.getMessage().startsWith("adapter.providers.worldline.url: "), refused.getMessage());
    }

    @Test
    void neverPrintsCredentials() {
        MerchantAccount account = AdapterSettings.from(LIVE_TABLE).merchantDirectory().accountFor(request("WL-EU-01"));
        String printed = account.toString();
        assertTrue(printed.contains("secret-api-key"), "names the credentials it holds: " + printed);
        assertTrue(!printed.contains("SECRET-VALUE-2") && !printed.contains("KEYID-VALUE-1"), "but not their values: " + printed);
    }

    @Test
    void readsTheTracingKeys() {
        assertEquals(TracingSettings.OFF, AdapterSettings.from(Map.of()).tracing());
        TracingSettings set = AdapterSettings.from(Map.of("adapter.tracing.otlp-endpoint", "http://collector:4318",
                "adapter.tracing.service-name", "psa-eu", "adapter.tracing.propagate-to-providers", "true")).tracing();
        // no path: the OTLP/HTTP traces path
        assertEquals(new TracingSettings(URI.create("http://collector:4318/v1/traces"), "psa-eu", true), set);
        assertEquals(URI.create("https://otel.example.com/custom/traces"), AdapterSettings.from(
                Map.of("adapter.tracing.otlp-endpoint", "https://otel.example.com/custom/traces")).tracing().otlpEndpoint());
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badTracingSettings")
    void refusesABadTracingSettingNamingItsKeyNeverItsValue(String key, String value) {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> AdapterSettings.from(Map.of(key, value)));
        assertTrue(refused.getMessage().startsWith(key + ": "), refused.getMessage());
        assertFalse(refused.getMessage().contains("s3cret"), refused.getMessage());
    }

    static Stream<Arguments> badTracingSettings() {
        String endpoint = "adapter.tracing.otlp-endpoint";
        return Stream.of(
                Arguments.of(endpoint, ""),
                Arguments.of(endpoint, "collector:4318"),
                Arguments.of(endpoint, "grpc://collector:4317"),
                Arguments.of(endpoint, "http:///v1/traces"),
                Arguments.of(endpoint, "http://user:s3cret@collector:4318/v1/traces"),
                Arguments.of(endpoint, "http://collector:4318/v1/traces?token=s3cret"),
                Arguments.of(endpoint, "http://collector:4318/v1/traces#s3cret"),
                Arguments.of(endpoint, "http://s3cret collector"),
                Arguments.of("adapter.tracing.sampling-ratio", "0.5"),
                Arguments.of("adapter.tracing.propagate-to-providers", "yes"),
                Arguments.of("adapter.tracing.service-name", ""),
                Arguments.of("adapter.tracing.otlp-endpiont", "http://collector:4318"));
    }

    // the JMS door (doors/JmsDoorSettings)
    private static final Map<String, String> JMS_DOOR = Map.of("adapter.doors.jms.enabled", "true",
            "adapter.doors.jms.broker-url", "tcp://broker:61616", "adapter.doors.jms.queue", "payment-session.create");

    @Test
    void theJmsDoorIsOffByDefaultAndReadsItsKeysWithTheirDefaults() {
        assertFalse(AdapterSettings.from(Map.of()).jmsDoor().enabled());
        JmsDoorSettings door = AdapterSettings.from(JMS_DOOR).jmsDoor();
        assertTrue(door.enabled());
        assertEquals("tcp://broker:61616", door.brokerUrl());
        assertEquals("payment-session.create", door.queue());
        assertNull(door.userName());
        assertEquals(8, door.concurrentConsumers());
        assertEquals(5_000, door.recoveryIntervalMs());
        Map<String, String> all = new HashMap<>(JMS_DOOR);
        all.putAll(Map.of("adapter.doors.jms.user-name", "app", "adapter.doors.jms.password", "s3cret-jms-pw",
                "adapter.doors.jms.concurrent-consumers", "32", "adapter.doors.jms.recovery-interval-ms", "1000",
                "adapter.doors.jms.broker-url", "(tcp://a:61616,tcp://b:61616)?ha=true"));
        door = AdapterSettings.from(all).jmsDoor();
        assertEquals(32, door.concurrentConsumers());
        assertEquals(1_000, door.recoveryIntervalMs());
        assertEquals("app", door.userName());
        assertFalse(door.toString().contains("s3cret"), door.toString());
        // switched off, the other keys may stay (checked, unused)
        all.put("adapter.doors.jms.enabled", "false");
        assertFalse(AdapterSettings.from(all).jmsDoor().enabled());
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("refusedJmsDoorKeys")
    void refusesABadJmsDoorKeyNamingItNeverItsValue(String key, String value, String named) {
        Map<String, String> properties = new HashMap<>(JMS_DOOR);
        if (value == null) {
            properties.remove(key);
        } else {
            properties.put(key, value);
        }
        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> AdapterSettings.from(properties));
        assertTrue(refused.getMessage().startsWith(named + ": "), refused.getMessage());
        assertFalse(refused.getMessage().contains("s3cret"), refused.getMessage());
    }

    static Stream<Arguments> refusedJmsDoorKeys() {
        return Stream.of(
                Arguments.of("adapter.doors.jms.enabled", "yes", "adapter.doors.jms.enabled"),
                Arguments.of("adapter.doors.jms.broker-url", null, "adapter.doors.jms.broker-url"),
                Arguments.of("adapter.doors.jms.broker-url", "http://broker:61616", "adapter.doors.jms.broker-url"),
                Arguments.of("adapter.doors.jms.broker-url", "tcp://s3cret host:61616", "adapter.doors.jms.broker-url"),
                Arguments.of("adapter.doors.jms.broker-url", "tcp://broker:61616?user=app&password=s3cret", "adapter.doors.jms.broker-url"),
                Arguments.of("adapter.doors.jms.queue", null, "adapter.doors.jms.queue"),
                Arguments.of("adapter.doors.jms.queue", "a queue?x=1", "adapter.doors.jms.queue"),
                Arguments.of("adapter.doors.jms.concurrent-consumers", "0", "adapter.doors.jms.concurrent-consumers"),
                Arguments.of("adapter.doors.jms.concurrent-consumers", "1001", "adapter.doors.jms.concurrent-consumers"),
                Arguments.of("adapter.doors.jms.recovery-interval-ms", "10", "adapter.doors.jms.recovery-interval-ms"),
                Arguments.of("adapter.doors.jms.password", "s3cret-jms-pw", "adapter.doors.jms.password"),
                Arguments.of("adapter.doors.jms.pasword", "s3cret-jms-pw", "adapter.doors.jms.pasword"),
                // a broker configured without the switch: the door would silently stay shut
                Arguments.of("adapter.doors.jms.enabled", null, "adapter.doors.jms.broker-url"),
                Arguments.of("adapter.doors.kafka.enabled", "true", "adapter.doors.kafka.enabled"));
    }
}
