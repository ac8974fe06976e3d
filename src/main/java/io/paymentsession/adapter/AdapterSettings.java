package io.paymentsession.adapter;

import io.paymentsession.adapter.api.HttpLimits;
import io.paymentsession.adapter.doors.JmsDoorSettings;
import io.paymentsession.adapter.idempotency.IdempotencySettings;
import io.paymentsession.adapter.merchant.ConfigurationException;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.MerchantDirectory;
import io.paymentsession.adapter.merchant.Mode;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.merchant.SettingValues;
import io.paymentsession.adapter.observe.tracing.TracingSettings;
import io.paymentsession.adapter.provider.Dialect;
import io.paymentsession.adapter.provider.Dialects;
import io.paymentsession.adapter.sandbox.SandboxMerchants;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads every {@code adapter.*} key and checks it once, at start-up: an unknown key, an unknown provider,
 * a missing credential or a malformed value stops the start with a message naming the key. What a provider
 * needs (its credentials, its own settings) comes from its dialect (provider/Dialects); the settings every
 * provider shares, with their defaults, from {@link ProviderSettings}.
 *
 * @param providers the settings of every provider in provider/Dialects, by name, configured or not
 */
public record AdapterSettings(Mode mode, int storeMaxSessions, int storeMaxBytes, MerchantDirectory merchantDirectory,
                              HttpLimits httpLimits, Map<String, ProviderSettings> providers,
                              IdempotencySettings idempotency, StoreType storeType, String storeRedisUrl,
                              TracingSettings tracing, JmsDoorSettings jmsDoor) {

    /** Where local sessions and Idempotency-Keys live: this instance's memory, or a Redis every replica shares. */
    public enum StoreType { MEMORY, REDIS }

    static final int DEFAULT_STORE_MAX_SESSIONS = 100_000;
    /** 32 MiB: a quarter of the 128 MB heap of config/jvm.options (README "Memory"). */
    static final int DEFAULT_STORE_MAX_BYTES = 32 * 1024 * 1024;
    /** 1 MiB holds any valid session (at most about 110 KB on the heap) several times over. */
    private static final int MIN_STORE_MAX_BYTES = 1024 * 1024;
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z_-]{1,40}");
    private static final String STORE_TYPE = "adapter.store.type";
    private static final String STORE_REDIS_URL = "adapter.store.redis.url";
    /** Nothing, {@code /}, or {@code /<database number>}. */
    private static final Pattern REDIS_DATABASE = Pattern.compile("(/[0-9]{0,5})?");
    private static final String PROVIDER_PREFIX = "adapter.providers.";
    private static final String MERCHANT_PREFIX = "adapter.merchants.";
    private static final String HTTP_PREFIX = "adapter.http.";
    private static final Set<String> HTTP_KEYS = Set.of("idle-timeout-ms", "header-timeout-ms", "body-timeout-ms",
            "max-connections");
    private static final String IDEMPOTENCY_PREFIX = "adapter.idempotency.";
    private static final Set<String> IDEMPOTENCY_KEYS = Set.of("ttl-seconds", "lease-seconds", "max-keys");

    /** @param properties every {@code adapter.*} key with its placeholders already resolved */
    public static AdapterSettings from(Map<String, String> properties) {
        Map<String, Map<String, String>> merchantRows = new TreeMap<>();
        Map<String, Map<String, String>> providerRows = new HashMap<>();
        Map<String, String> httpRow = new HashMap<>();
        Map<String, String> idempotencyRow = new HashMap<>();
        Mode mode = Mode.LOCAL;
        int maxSessions = DEFAULT_STORE_MAX_SESSIONS;
        int maxBytes = DEFAULT_STORE_MAX_BYTES;
        StoreType storeType = StoreType.MEMORY;
        String redisUrl = null;
        Map<String, String> tracingRow = new HashMap<>();
        Map<String, String> jmsDoorRow = new HashMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(properties).entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue() == null ? "" : entry.getValue().trim();
            if (key.equals("adapter.mode")) {
                mode = mode(key, value);
            } else if (key.equals("adapter.store.max-sessions")) {
                maxSessions = positiveInt(key, value, Integer.MAX_VALUE);
            } else if (key.equals("adapter.store.max-bytes")) {
                maxBytes = SettingValues.wholeNumber(key, value, MIN_STORE_MAX_BYTES, Integer.MAX_VALUE);
            } else if (key.equals(STORE_TYPE)) {
                storeType = storeType(key, value);
            } else if (key.equals(STORE_REDIS_URL)) {
                redisUrl = redisUrl(key, value);
            } else if (key.startsWith(HTTP_PREFIX)) {
                String attribute = key.substring(HTTP_PREFIX.length());
                if (!HTTP_KEYS.contains(attribute)) {
                    throw new ConfigurationException(key, "unknown setting; expected " + HTTP_PREFIX + "<one of "
                            + String.join(", ", HTTP_KEYS.stream().sorted().toList()) + ">");
                }
                httpRow.put(attribute, value);
            } else if (key.startsWith(IDEMPOTENCY_PREFIX)) {
                String attribute = key.substring(IDEMPOTENCY_PREFIX.length());
                if (!IDEMPOTENCY_KEYS.contains(attribute)) {
                    throw new ConfigurationException(key, "unknown setting; expected " + IDEMPOTENCY_PREFIX + "<one of "
                            + String.join(", ", IDEMPOTENCY_KEYS.stream().sorted().toList()) + ">");
                }
                idempotencyRow.put(attribute, value);
            } else if (key.startsWith(TracingSettings.PREFIX)) {
                String attribute = key.substring(TracingSettings.PREFIX.length());
                if (!TracingSettings.KEYS.contains(attribute)) {
                    throw new ConfigurationException(key, "unknown setting; expected " + TracingSettings.PREFIX + "<one of "
                            + String.join(", ", TracingSettings.KEYS) + ">");
                }
                tracingRow.put(attribute, value);
            } else if (key.startsWith(JmsDoorSettings.PREFIX)) {
                String attribute = key.substring(JmsDoorSettings.PREFIX.length());
                if (!JmsDoorSettings.KEYS.contains(attribute)) {
                    throw new ConfigurationException(key, "unknown setting; expected " + JmsDoorSettings.PREFIX + "<one of "
                            + String.join(", ", JmsDoorSettings.KEYS.stream().sorted().toList()) + ">");
                }
                jmsDoorRow.put(attribute, value);
            } else if (key.startsWith(MERCHANT_PREFIX)) {
                String[] parts = rowKey(key, MERCHANT_PREFIX, merchantKeys());
                if (!ID.matcher(parts[0]).matches()) {
                    throw new ConfigurationException(key, "a merchantId is 1 to 40 characters of 0-9, A-Z, a-z, '_' or '-'");
                }
                merchantRows.computeIfAbsent(parts[0], id -> new LinkedHashMap<>()).put(parts[1], value);
            } else if (key.startsWith(PROVIDER_PREFIX)) {
                String[] parts = rowKey(key, PROVIDER_PREFIX, providerKeys());
                Dialect dialect = Dialects.byId(parts[0]).orElseThrow(() ->
                        new ConfigurationException(key, "unknown provider '" + parts[0] + "'; one of " + Dialects.ids()));
                providerRows.computeIfAbsent(dialect.id(), p -> new LinkedHashMap<>()).put(parts[1], value);
            } else {
                throw new ConfigurationException(key, "unknown setting");
            }
        }
        Map<String, ProviderSettings> providers = new HashMap<>();
        for (Dialect dialect : Dialects.ALL) {
            providers.put(dialect.id(), providerSettings(dialect, providerRows.getOrDefault(dialect.id(), Map.of())));
        }
        Map<String, MerchantAccount> merchants = new HashMap<>();
        boolean sandbox = mode == Mode.SANDBOX;
        merchantRows.forEach((id, row) -> merchants.put(id, merchant(id, row, providers, sandbox)));
        if (sandbox) {
            Dialects.ALL.forEach(dialect -> merchants.putIfAbsent(SandboxMerchants.builtIn(dialect).merchantId(),
                    SandboxMerchants.builtIn(dialect)));
        }
        if (mode == Mode.LIVE && merchants.isEmpty()) {
            // a live adapter without a routing table would refuse every request
            throw new ConfigurationException("adapter.mode", "live needs at least one merchant (adapter.merchants.<merchantId>.provider)");
        }
        if (storeType == StoreType.REDIS && redisUrl == null) {
            throw new ConfigurationException(STORE_REDIS_URL, "missing; adapter.store.type=redis needs it");
        }
        if (storeType == StoreType.MEMORY && redisUrl != null) {
            throw new ConfigurationException(STORE_REDIS_URL, "is only used with adapter.store.type=redis");
        }
        return new AdapterSettings(mode, maxSessions, maxBytes, new MerchantDirectory(mode, merchants), httpLimits(httpRow),
                Map.copyOf(providers), idempotency(idempotencyRow), storeType, redisUrl, TracingSettings.from(tracingRow),
                JmsDoorSettings.from(jmsDoorRow));
    }

    private static StoreType storeType(String key, String value) {
        return switch (value) {
            case "memory" -> StoreType.MEMORY;
            case "redis" -> StoreType.REDIS;
            default -> throw new ConfigurationException(key, "must be 'memory' or 'redis'");
        };
    }

    /**
     * {@code redis://} or {@code rediss://} (TLS), a host, an optional port and database number, user and password
     * optional. The value may hold a password, so no message quotes it, nor the parser's text (which would).
     */
    private static String redisUrl(String key, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(key, "is not a URL (redis://[user:password@]host[:port][/database])");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new ConfigurationException(key, "must begin with redis:// or rediss:// (TLS)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ConfigurationException(key, "has no host (redis://[user:password@]host[:port][/database])");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new ConfigurationException(key, "has a port outside 1 to 65535");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || !REDIS_DATABASE.matcher(path).matches()) {
            throw new ConfigurationException(key, "takes no query or fragment, and as path only a database number (/0)");
        }
        return value;
    }

    /** Up to 30 days kept, a lease of up to an hour, up to ten million keys in memory. */
    private static IdempotencySettings idempotency(Map<String, String> row) {
        IdempotencySettings defaults = IdempotencySettings.DEFAULTS;
        return new IdempotencySettings(
                Duration.ofSeconds(optionalInt(IDEMPOTENCY_PREFIX, "ttl-seconds", row, 1, 2_592_000,
                        (int) defaults.ttl().toSeconds())),
                row.containsKey("lease-seconds")
                        ? Duration.ofSeconds(SettingValues.wholeNumber(IDEMPOTENCY_PREFIX + "lease-seconds", row.get("lease-seconds"), 1, 3_600))
                        : defaults.lease(),
                optionalInt(IDEMPOTENCY_PREFIX, "max-keys", row, 1, 10_000_000, defaults.maxKeys()));
    }

    private static HttpLimits httpLimits(Map<String, String> row) {
        HttpLimits defaults = HttpLimits.DEFAULTS;
        return new HttpLimits(
                optionalInt(HTTP_PREFIX, "idle-timeout-ms", row, 1, 3_600_000, defaults.idleTimeoutMs()),
                optionalInt(HTTP_PREFIX, "header-timeout-ms", row, 1, 600_000, defaults.headerTimeoutMs()),
                optionalInt(HTTP_PREFIX, "body-timeout-ms", row, 1, 600_000, defaults.bodyTimeoutMs()),
                optionalInt(HTTP_PREFIX, "max-connections", row, 1, 100_000, defaults.maxConnections()));
    }

    private static Mode mode(String key, String value) {
        return switch (value) {
            case "local" -> Mode.LOCAL;
            case "live" -> Mode.LIVE;
            case "sandbox" -> Mode.SANDBOX;
            default -> throw new ConfigurationException(key, "must be 'local', 'live' or 'sandbox'");
        };
    }

    /** Splits {@code prefix<name>.<attribute>} and checks the attribute is a known one. */
    private static String[] rowKey(String key, String prefix, Set<String> attributes) {
        String rest = key.substring(prefix.length());
        int dot = rest.indexOf('.');
        if (dot <= 0 || !attributes.contains(rest.substring(dot + 1))) {
            throw new ConfigurationException(key, "unknown setting; expected " + prefix + "<name>.<one of "
                    + String.join(", ", attributes.stream().sorted().toList()) + ">");
        }
        return new String[] {rest.substring(0, dot), rest.substring(dot + 1)};
    }

    /**
     * One merchant's row. In sandbox mode its provider's URL is not needed (a simulator serves it) and its credentials
     * are optional: a missing one is a placeholder the simulator accepts.
     */
    private static MerchantAccount merchant(String id, Map<String, String> row, Map<String, ProviderSettings> providers,
                                            boolean sandbox) {
        String prefix = MERCHANT_PREFIX + id + ".";
        String providerName = row.get("provider");
        if (providerName == null || providerName.isEmpty()) {
            throw new ConfigurationException(prefix + "provider", "missing; one of " + allProviders());
        }
        if (providerName.equals(Provider.LOCAL.id())) {
            credentials(prefix, Provider.LOCAL, row, List.of(), List.of());
            return new MerchantAccount(id, Provider.LOCAL, providerMerchantId(prefix, id, row), Map.of());
        }
        Dialect dialect = Dialects.byId(providerName).orElseThrow(() -> new ConfigurationException(prefix + "provider",
                "unknown provider; one of " + allProviders()));
        Provider provider = new Provider(dialect.id());
        ProviderSettings settings = providers.get(dialect.id());
        Map<String, String> credentials = credentials(prefix, provider, row, dialect.credentialKeys(),
                sandbox ? List.of() : dialect.requiredCredentials(settings));
        String providerMerchantId = providerMerchantId(prefix, id, row);
        if (sandbox) {
            return new MerchantAccount(id, provider, providerMerchantId,
                    SandboxMerchants.withPlaceholders(dialect.credentialKeys(), credentials));
        }
        if (settings.url() == null) {
            throw new ConfigurationException(PROVIDER_PREFIX + provider + ".url", "missing; merchant " + id + " uses provider " + provider);
        }
        return new MerchantAccount(id, provider, providerMerchantId, credentials);
    }

    /** The merchant's credentials: only those its provider uses, and every one it requires. */
    private static Map<String, String> credentials(String prefix, Provider provider, Map<String, String> row,
                                                   List<String> keys, List<String> required) {
        for (String attribute : row.keySet()) {
            boolean credential = !attribute.equals("provider") && !attribute.equals("provider-merchant-id");
            if (credential && !keys.contains(attribute)) {
                throw new ConfigurationException(prefix + attribute, "is not used by provider " + provider
                        + " (it needs " + (keys.isEmpty() ? "no credentials" : keys) + ")");
            }
        }
        Map<String, String> credentials = new HashMap<>();
        for (String attribute : keys) {
            String value = row.get(attribute);
            if (value != null && !value.isEmpty()) {
                credentials.put(attribute, value);
            } else if (required.contains(attribute)) {
                throw new ConfigurationException(prefix + attribute, "missing; provider " + provider + " needs it");
            }
        }
        return credentials;
    }

    private static String providerMerchantId(String prefix, String id, Map<String, String> row) {
        String providerMerchantId = row.getOrDefault("provider-merchant-id", id);
        if (!ID.matcher(providerMerchantId).matches()) {
            throw new ConfigurationException(prefix + "provider-merchant-id",
                    "must be 1 to 40 characters of 0-9, A-Z, a-z, '_' or '-'");
        }
        return providerMerchantId;
    }

    /** The shared keys go to {@link ProviderSettings}, the dialect's own to the dialect; another dialect's key is refused. */
    private static ProviderSettings providerSettings(Dialect dialect, Map<String, String> row) {
        String prefix = PROVIDER_PREFIX + dialect.id() + ".";
        Map<String, String> shared = new HashMap<>();
        Map<String, String> own = new HashMap<>();
        row.forEach((attribute, value) -> {
            if (ProviderSettings.KEYS.contains(attribute)) {
                shared.put(attribute, value);
            } else if (dialect.settingKeys().contains(attribute)) {
                own.put(attribute, value);
            } else {
                throw new ConfigurationException(prefix + attribute, "is not used by provider " + dialect.id());
            }
        });
        return ProviderSettings.from(dialect.id(), shared, dialect.settings(own, prefix));
    }

    /** Every key a provider row may hold: the shared ones and each dialect's own. */
    private static Set<String> providerKeys() {
        Set<String> keys = new TreeSet<>(ProviderSettings.KEYS);
        Dialects.ALL.forEach(dialect -> keys.addAll(dialect.settingKeys()));
        return keys;
    }

    /** Every key a merchant row may hold: its provider, its id there, and each dialect's credentials. */
    private static Set<String> merchantKeys() {
        Set<String> keys = new TreeSet<>(List.of("provider", "provider-merchant-id"));
        Dialects.ALL.forEach(dialect -> keys.addAll(dialect.credentialKeys()));
        return keys;
    }

    private static int optionalInt(String prefix, String attribute, Map<String, String> row, int min, int max,
                                   int defaultValue) {
        return row.containsKey(attribute) ? SettingValues.wholeNumber(prefix + attribute, row.get(attribute), min, max) : defaultValue;
    }

    private static int positiveInt(String key, String value, int max) {
        return SettingValues.wholeNumber(key, value, 1, max);
    }

    private static List<String> allProviders() {
        List<String> names = new ArrayList<>(Dialects.ids());
        names.add(Provider.LOCAL.id());
        return names;
    }
}
