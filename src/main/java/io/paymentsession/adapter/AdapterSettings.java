package io.paymentsession.adapter;

import io.paymentsession.adapter.api.HttpLimits;
import io.paymentsession.adapter.merchant.ConfigurationException;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.MerchantDirectory;
import io.paymentsession.adapter.merchant.Mode;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.merchant.ProviderSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads every {@code adapter.*} key and checks it once, at start-up: an unknown key, an unknown provider,
 * a missing credential or a malformed value stops the start with a message naming the key.
 */
public record AdapterSettings(Mode mode, int storeMaxSessions, int storeMaxBytes, MerchantDirectory merchantDirectory,
                              HttpLimits httpLimits) {

    static final int DEFAULT_STORE_MAX_SESSIONS = 100_000;
    /** 32 MiB: a quarter of the 128 MB heap of config/jvm.options (README "Memory"). */
    static final int DEFAULT_STORE_MAX_BYTES = 32 * 1024 * 1024;
    /** 1 MiB holds any valid session (at most about 110 KB on the heap) several times over. */
    private static final int MIN_STORE_MAX_BYTES = 1024 * 1024;
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z_-]{1,40}");
    private static final Set<String> PROVIDER_KEYS = Set.of("url", "version", "integrator",
            "connect-timeout-ms", "response-timeout-ms", "call-timeout-ms",
            "breaker-failure-rate-threshold", "breaker-minimum-calls", "breaker-wait-in-open-seconds",
            "breaker-half-open-calls", "max-concurrent-calls", "connect-retries", "connect-retry-backoff-ms",
            "max-reply-bytes", "trust-store", "trust-store-password", "key-store", "key-store-password");
    /** Whole-number settings read by the route files, with their allowed range. */
    private static final Map<String, int[]> ROUTE_NUMBERS = Map.of(
            "connect-timeout-ms", new int[] {1, 600_000},
            "response-timeout-ms", new int[] {1, 600_000},
            "call-timeout-ms", new int[] {1, 1_200_000},
            "breaker-failure-rate-threshold", new int[] {1, 100},
            "breaker-minimum-calls", new int[] {1, 10_000},
            "breaker-wait-in-open-seconds", new int[] {1, 86_400},
            "breaker-half-open-calls", new int[] {1, 1_000});
    private static final Set<String> MERCHANT_KEYS = Set.of("provider", "provider-merchant-id", "password",
            "api-key-id", "secret-api-key", "user-name", "api-version");
    private static final String HTTP_PREFIX = "adapter.http.";
    private static final Set<String> HTTP_KEYS = Set.of("idle-timeout-ms", "header-timeout-ms", "body-timeout-ms",
            "max-connections");
    private static final Set<Provider> VERSIONED = Set.of(Provider.MPGS_REST, Provider.MPGS_NVP);
    private static final String DEFAULT_MPGS_VERSION = "100";

    /** @param properties every {@code adapter.*} key with its placeholders already resolved */
    public static AdapterSettings from(Map<String, String> properties) {
        Map<String, Map<String, String>> merchantRows = new TreeMap<>();
        Map<Provider, Map<String, String>> providerRows = new HashMap<>();
        Map<String, String> httpRow = new HashMap<>();
        Mode mode = Mode.LOCAL;
        int maxSessions = DEFAULT_STORE_MAX_SESSIONS;
        int maxBytes = DEFAULT_STORE_MAX_BYTES;
        for (Map.Entry<String, String> entry : new TreeMap<>(properties).entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue() == null ? "" : entry.getValue().trim();
            if (key.equals("adapter.mode")) {
                mode = mode(key, value);
            } else if (key.equals("adapter.store.max-sessions")) {
                maxSessions = positiveInt(key, value, Integer.MAX_VALUE);
            } else if (key.equals("adapter.store.max-bytes")) {
                maxBytes = intIn(key, value, MIN_STORE_MAX_BYTES, Integer.MAX_VALUE);
            } else if (key.startsWith(HTTP_PREFIX)) {
                String attribute = key.substring(HTTP_PREFIX.length());
                if (!HTTP_KEYS.contains(attribute)) {
                    throw new ConfigurationException(key, "unknown setting; expected " + HTTP_PREFIX + "<one of "
                            + String.join(", ", HTTP_KEYS.stream().sorted().toList()) + ">");
                }
                httpRow.put(attribute, value);
            } else if (key.startsWith("adapter.merchants.")) {
                String[] parts = rowKey(key, "adapter.merchants.", MERCHANT_KEYS);
                if (!ID.matcher(parts[0]).matches()) {
                    throw new ConfigurationException(key, "a merchantId is 1 to 40 characters of 0-9, A-Z, a-z, '_' or '-'");
                }
                merchantRows.computeIfAbsent(parts[0], id -> new LinkedHashMap<>()).put(parts[1], value);
            } else if (key.startsWith("adapter.providers.")) {
                String[] parts = rowKey(key, "adapter.providers.", PROVIDER_KEYS);
                Provider provider = Provider.byId(parts[0]).filter(p -> p != Provider.LOCAL).orElseThrow(() ->
                        new ConfigurationException(key, "unknown provider '" + parts[0] + "'; one of " + remoteProviders()));
                providerRows.computeIfAbsent(provider, p -> new LinkedHashMap<>()).put(parts[1], value);
            } else {
                throw new ConfigurationException(key, "unknown setting");
            }
        }
        Map<Provider, ProviderSettings> providers = new HashMap<>();
        providerRows.forEach((provider, row) -> providers.put(provider, providerSettings(provider, row)));
        Map<String, MerchantAccount> merchants = new HashMap<>();
        merchantRows.forEach((id, row) -> merchants.put(id, merchant(id, row, providers)));
        if (mode == Mode.LIVE && merchants.isEmpty()) {
            // a live adapter without a routing table would refuse every request
            throw new ConfigurationException("adapter.mode", "live needs at least one merchant (adapter.merchants.<merchantId>.provider)");
        }
        return new AdapterSettings(mode, maxSessions, maxBytes, new MerchantDirectory(mode, merchants, providers), httpLimits(httpRow));
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
            default -> throw new ConfigurationException(key, "must be 'local' or 'live'");
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

    private static MerchantAccount merchant(String id, Map<String, String> row, Map<Provider, ProviderSettings> providers) {
        String prefix = "adapter.merchants." + id + ".";
        String providerName = row.get("provider");
        if (providerName == null || providerName.isEmpty()) {
            throw new ConfigurationException(prefix + "provider", "missing; one of " + allProviders());
        }
        Provider provider = Provider.byId(providerName).orElseThrow(() -> new ConfigurationException(prefix + "provider",
                "unknown provider; one of " + allProviders()));
        for (String attribute : row.keySet()) {
            boolean credential = !attribute.equals("provider") && !attribute.equals("provider-merchant-id");
            if (credential && !provider.credentialKeys().contains(attribute)) {
                throw new ConfigurationException(prefix + attribute, "is not used by provider " + provider
                        + " (it needs " + (provider.credentialKeys().isEmpty() ? "no credentials" : provider.credentialKeys()) + ")");
            }
        }
        Map<String, String> credentials = new HashMap<>();
        for (String attribute : provider.credentialKeys()) {
            String value = row.get(attribute);
            if (value != null && !value.isEmpty()) {
                credentials.put(attribute, value);
            } else if (!(attribute.equals("password") && certificateAuthenticated(provider, providers))) {
                throw new ConfigurationException(prefix + attribute, "missing; provider " + provider + " needs it");
            }
        }
        String providerMerchantId = row.getOrDefault("provider-merchant-id", id);
        if (!ID.matcher(providerMerchantId).matches()) {
            throw new ConfigurationException(prefix + "provider-merchant-id",
                    "must be 1 to 40 characters of 0-9, A-Z, a-z, '_' or '-'");
        }
        if (provider != Provider.LOCAL && (!providers.containsKey(provider) || providers.get(provider).url() == null)) {
            throw new ConfigurationException("adapter.providers." + provider + ".url",
                    "missing; merchant " + id + " uses provider " + provider);
        }
        return new MerchantAccount(id, provider, providerMerchantId, credentials);
    }

    /** Mastercard authenticates a merchant by the client certificate instead of the API password when one is set. */
    private static boolean certificateAuthenticated(Provider provider, Map<Provider, ProviderSettings> providers) {
        return VERSIONED.contains(provider) && providers.containsKey(provider)
                && providers.get(provider).tls().clientCertificate().isPresent();
    }

    private static ProviderSettings providerSettings(Provider provider, Map<String, String> row) {
        String prefix = "adapter.providers." + provider + ".";
        String version = row.get("version");
        if (version != null && !VERSIONED.contains(provider)) {
            throw new ConfigurationException(prefix + "version", "is not used by provider " + provider);
        }
        if (VERSIONED.contains(provider)) {
            version = version == null ? DEFAULT_MPGS_VERSION : version;
            if (!version.matches("[1-9][0-9]{0,3}")) {
                throw new ConfigurationException(prefix + "version", "must be a whole number such as 100");
            }
        }
        String integrator = row.get("integrator");
        if (integrator != null && (provider != Provider.WORLDLINE || integrator.isEmpty() || integrator.length() > 100)) {
            throw new ConfigurationException(prefix + "integrator", provider != Provider.WORLDLINE
                    ? "is not used by provider " + provider : "must be 1 to 100 characters");
        }
        ROUTE_NUMBERS.forEach((key, range) -> {
            if (row.containsKey(key)) {
                intIn(prefix + key, row.get(key), range[0], range[1]);
            }
        });
        ProviderSettings settings = new ProviderSettings(provider,
                row.containsKey("url") ? url(prefix + "url", row.get("url")) : null,
                version, integrator,
                optionalInt(prefix, "connect-retries", row, 0, 5, ProviderSettings.DEFAULT_CONNECT_RETRIES),
                optionalInt(prefix, "connect-retry-backoff-ms", row, 0, 60_000, ProviderSettings.DEFAULT_CONNECT_RETRY_BACKOFF_MS),
                optionalInt(prefix, "max-reply-bytes", row, 1024, 100 * 1024 * 1024, ProviderSettings.DEFAULT_MAX_REPLY_BYTES),
                optionalInt(prefix, "max-concurrent-calls", row, 1, 1_000, ProviderSettings.DEFAULT_MAX_CONCURRENT_CALLS),
                new ProviderSettings.Tls(
                        store(prefix, "trust-store", row), password(prefix, "trust-store", row),
                        store(prefix, "key-store", row), password(prefix, "key-store", row)));
        checkCallTimeout(prefix, row, settings);
        return settings;
    }

    /**
     * The call time limit must leave room for every connect attempt, the backoffs and the reply: cut
     * shorter, a connect that never completed would be reported as a timeout with an unknown outcome.
     */
    private static void checkCallTimeout(String prefix, Map<String, String> row, ProviderSettings settings) {
        if (!row.containsKey("call-timeout-ms") || !row.containsKey("connect-timeout-ms") || !row.containsKey("response-timeout-ms")) {
            return;
        }
        long needed = (settings.connectRetries() + 1L) * Integer.parseInt(row.get("connect-timeout-ms"))
                + (long) settings.connectRetries() * settings.connectRetryBackoffMs()
                + Integer.parseInt(row.get("response-timeout-ms"));
        if (Integer.parseInt(row.get("call-timeout-ms")) < needed) {
            throw new ConfigurationException(prefix + "call-timeout-ms", "must be at least " + needed
                    + " ms: (connect-retries + 1) x connect-timeout-ms + connect-retries x connect-retry-backoff-ms"
                    + " + response-timeout-ms");
        }
    }

    private static int optionalInt(String prefix, String attribute, Map<String, String> row, int min, int max,
                                   int defaultValue) {
        return row.containsKey(attribute) ? intIn(prefix + attribute, row.get(attribute), min, max) : defaultValue;
    }

    /** A PKCS12 file that exists and can be read now, so a typo stops the start rather than the first call. */
    private static String store(String prefix, String store, Map<String, String> row) {
        String path = row.get(store);
        if (path == null || path.isEmpty()) {
            return null;
        }
        if (!Files.isReadable(Path.of(path))) {
            throw new ConfigurationException(prefix + store, "the file cannot be read");
        }
        return path;
    }

    private static String password(String prefix, String store, Map<String, String> row) {
        String password = row.get(store + "-password");
        if (store(prefix, store, row) != null && (password == null || password.isEmpty())) {
            throw new ConfigurationException(prefix + store + "-password", "missing; " + prefix + store + " is set");
        }
        return password;
    }

    /** An absolute http(s) base URL without query, fragment or user info; a trailing slash is dropped. */
    private static String url(String key, String value) {
        if (value == null || value.isEmpty()) {
            throw new ConfigurationException(key, "missing");
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new ConfigurationException(key, "must be an absolute http(s) URL without query, fragment or user info");
            }
            return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(key, "is not a URL: " + e.getReason());
        }
    }

    private static int positiveInt(String key, String value, int max) {
        return intIn(key, value, 1, max);
    }

    private static int intIn(String key, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(key, "must be a whole number from " + min + " to " + max);
    }

    private static List<String> allProviders() {
        return List.of(Provider.values()).stream().map(Provider::id).toList();
    }

    private static List<String> remoteProviders() {
        return allProviders().stream().filter(p -> !p.equals("local")).toList();
    }
}
