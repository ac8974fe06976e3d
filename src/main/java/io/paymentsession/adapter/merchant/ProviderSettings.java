package io.paymentsession.adapter.merchant;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the adapter talks to one provider: every {@code adapter.providers.<provider>.*} key that all providers
 * share, read and checked here, each with its default here and nowhere else (README "Adapter keys" lists them).
 * A dialect's own keys (Mastercard's {@code version}, Worldline's {@code integrator}) are checked by the
 * dialect and kept in {@link #dialectSettings()}.
 *
 * @param url null until a merchant uses the provider
 * @param maxQueuedCalls calls that may wait for a free slot once {@code maxConcurrentCalls} are in flight
 * @param queueWaitMs how long such a call waits before it is refused (0: refused at once)
 */
public record ProviderSettings(String provider, String url, Map<String, String> dialectSettings,
                               int connectTimeoutMs, int responseTimeoutMs, int callTimeoutMs,
                               int connectRetries, int connectRetryBackoffMs,
                               int maxConcurrentCalls, int maxQueuedCalls, int queueWaitMs,
                               int maxReplyBytes, Breaker breaker, Tls tls) {

    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
    public static final int DEFAULT_RESPONSE_TIMEOUT_MS = 10_000;
    public static final int DEFAULT_CALL_TIMEOUT_MS = 15_000;
    public static final int DEFAULT_CONNECT_RETRIES = 1;
    public static final int DEFAULT_CONNECT_RETRY_BACKOFF_MS = 200;
    /**
     * 64 calls in flight and 1024 waiting for at most 1 s: 256 callers against a provider that answers at once
     * are all served (at most 192 wait, each for a few of the others' calls), and a provider that hangs holds
     * 64 sockets, no thread.
     */
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 64;
    public static final int DEFAULT_MAX_QUEUED_CALLS = 1_024;
    public static final int DEFAULT_QUEUE_WAIT_MS = 1_000;
    public static final int DEFAULT_MAX_REPLY_BYTES = 1024 * 1024;
    public static final int DEFAULT_BREAKER_FAILURE_RATE_THRESHOLD = 50;
    public static final int DEFAULT_BREAKER_MINIMUM_CALLS = 10;
    public static final int DEFAULT_BREAKER_WAIT_IN_OPEN_SECONDS = 30;
    public static final int DEFAULT_BREAKER_HALF_OPEN_CALLS = 2;

    /** The keys every provider has; a dialect may add its own. */
    public static final Set<String> KEYS = Set.of("url", "connect-timeout-ms", "response-timeout-ms", "call-timeout-ms",
            "connect-retries", "connect-retry-backoff-ms", "max-concurrent-calls", "max-queued-calls", "queue-wait-ms",
            "max-reply-bytes", "breaker-failure-rate-threshold", "breaker-minimum-calls", "breaker-wait-in-open-seconds",
            "breaker-half-open-calls", "trust-store", "trust-store-password", "key-store", "key-store-password");

    public ProviderSettings {
        dialectSettings = Map.copyOf(dialectSettings);
    }

    /**
     * Reads a provider's shared keys; an absent key takes its default, a bad one stops the start naming it.
     *
     * @param row the provider's shared keys (without the {@code adapter.providers.<provider>.} prefix)
     * @param dialectSettings the dialect's own keys, already checked by the dialect
     */
    public static ProviderSettings from(String provider, Map<String, String> row, Map<String, String> dialectSettings) {
        Reader read = new Reader("adapter.providers." + provider + ".", row);
        ProviderSettings settings = new ProviderSettings(provider,
                row.containsKey("url") ? read.url("url") : null,
                dialectSettings,
                read.number("connect-timeout-ms", 1, 600_000, DEFAULT_CONNECT_TIMEOUT_MS),
                read.number("response-timeout-ms", 1, 600_000, DEFAULT_RESPONSE_TIMEOUT_MS),
                read.number("call-timeout-ms", 1, 1_200_000, DEFAULT_CALL_TIMEOUT_MS),
                read.number("connect-retries", 0, 5, DEFAULT_CONNECT_RETRIES),
                read.number("connect-retry-backoff-ms", 0, 60_000, DEFAULT_CONNECT_RETRY_BACKOFF_MS),
                read.number("max-concurrent-calls", 1, 1_000, DEFAULT_MAX_CONCURRENT_CALLS),
                read.number("max-queued-calls", 0, 100_000, DEFAULT_MAX_QUEUED_CALLS),
                read.number("queue-wait-ms", 0, 60_000, DEFAULT_QUEUE_WAIT_MS),
                read.number("max-reply-bytes", 1024, 100 * 1024 * 1024, DEFAULT_MAX_REPLY_BYTES),
                new Breaker(
                        read.number("breaker-failure-rate-threshold", 1, 100, DEFAULT_BREAKER_FAILURE_RATE_THRESHOLD),
                        read.number("breaker-minimum-calls", 1, 10_000, DEFAULT_BREAKER_MINIMUM_CALLS),
                        read.number("breaker-wait-in-open-seconds", 1, 86_400, DEFAULT_BREAKER_WAIT_IN_OPEN_SECONDS),
                        read.number("breaker-half-open-calls", 1, 1_000, DEFAULT_BREAKER_HALF_OPEN_CALLS)),
                new Tls(read.store("trust-store"), read.password("trust-store"),
                        read.store("key-store"), read.password("key-store")));
        settings.checkCallTimeout(read.prefix);
        return settings;
    }

    /** The same settings with another base URL (sandbox mode: a simulator's). */
    public ProviderSettings withUrl(String otherUrl) {
        return new ProviderSettings(provider, otherUrl, dialectSettings, connectTimeoutMs, responseTimeoutMs, callTimeoutMs,
                connectRetries, connectRetryBackoffMs, maxConcurrentCalls, maxQueuedCalls, queueWaitMs, maxReplyBytes,
                breaker, tls);
    }

    /** A dialect's own setting (as its dialect checked it, defaults applied), or null. */
    public String dialectSetting(String key) {
        return dialectSettings.get(key);
    }

    /**
     * The call time limit must leave room for every connect attempt, the backoffs and the reply: cut
     * shorter, a connect that never completed would be reported as a timeout with an unknown outcome.
     */
    private void checkCallTimeout(String prefix) {
        long needed = (connectRetries + 1L) * connectTimeoutMs + (long) connectRetries * connectRetryBackoffMs
                + responseTimeoutMs;
        if (callTimeoutMs < needed) {
            throw new ConfigurationException(prefix + "call-timeout-ms", "must be at least " + needed
                    + " ms: (connect-retries + 1) x connect-timeout-ms + connect-retries x connect-retry-backoff-ms"
                    + " + response-timeout-ms");
        }
    }

    /** The circuit breaker: the failure rate (percent) that opens it, the calls it needs first, its open time, its trial calls. */
    public record Breaker(int failureRateThreshold, int minimumCalls, int waitInOpenSeconds, int halfOpenCalls) {
    }

    /**
     * Trust store (null: the JVM's) and key store (null: no client certificate), PKCS12 files.
     * Passwords are never printed.
     */
    public record Tls(String trustStore, String trustStorePassword, String keyStore, String keyStorePassword) {

        public Optional<String> clientCertificate() {
            return Optional.ofNullable(keyStore);
        }

        @Override
        public String toString() {
            return "Tls[trustStore=" + trustStore + ", keyStore=" + keyStore + "]";
        }
    }

    /** Passwords are never printed. */
    @Override
    public String toString() {
        return "ProviderSettings[" + provider + ", url=" + url + ", " + dialectSettings + ", " + tls + "]";
    }

    /** One provider's row of keys, each read or refused with a message naming its key (never its value). */
    private record Reader(String prefix, Map<String, String> row) {

        int number(String key, int min, int max, int defaultValue) {
            String value = row.get(key);
            return value == null ? defaultValue : SettingValues.wholeNumber(prefix + key, value, min, max);
        }

        /** An absolute http(s) base URL without query, fragment or user info; a trailing slash is dropped. */
        String url(String key) {
            String value = row.get(key);
            if (value == null || value.isEmpty()) {
                throw new ConfigurationException(prefix + key, "missing");
            }
            SettingValues.httpUrl(prefix + key, value);
            return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        }

        /** A PKCS12 file that exists and can be read now, so a typo stops the start rather than the first call. */
        String store(String key) {
            String path = row.get(key);
            if (path == null || path.isEmpty()) {
                return null;
            }
            if (!Files.isReadable(Path.of(path))) {
                throw new ConfigurationException(prefix + key, "the file cannot be read");
            }
            return path;
        }

        String password(String store) {
            String password = row.get(store + "-password");
            if (store(store) != null && (password == null || password.isEmpty())) {
                throw new ConfigurationException(prefix + store + "-password", "missing; " + prefix + store + " is set");
            }
            return password;
        }
    }
}
