package io.paymentsession.adapter.merchant;

import java.util.Optional;

/**
 * How the adapter talks to one provider: where it is, its API version (Mastercard), the integrator
 * name it is told (Worldline), the connect retries, the largest reply it reads, how many calls may be
 * in flight, and its TLS stores. Timeouts and the circuit breaker are options of the provider route
 * (routes/providers.camel.yaml), read from the same {@code adapter.providers.<provider>.*} keys that
 * {@code AdapterSettings} checks.
 *
 * @param url null until a merchant uses the provider
 */
public record ProviderSettings(Provider provider, String url, String version, String integrator, int connectRetries,
                               int connectRetryBackoffMs, int maxReplyBytes, int maxConcurrentCalls, Tls tls) {

    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 20;
    public static final int DEFAULT_CONNECT_RETRIES = 1;
    public static final int DEFAULT_CONNECT_RETRY_BACKOFF_MS = 200;
    public static final int DEFAULT_MAX_REPLY_BYTES = 1024 * 1024;

    /** The settings of a provider nobody configured: the defaults, JVM trust store, no URL. */
    public static ProviderSettings defaults(Provider provider) {
        return new ProviderSettings(provider, null, null, null, DEFAULT_CONNECT_RETRIES, DEFAULT_CONNECT_RETRY_BACKOFF_MS,
                DEFAULT_MAX_REPLY_BYTES, DEFAULT_MAX_CONCURRENT_CALLS, Tls.JVM_DEFAULT);
    }

    /**
     * Trust store (null: the JVM's) and key store (null: no client certificate), PKCS12 files.
     * Passwords are never printed.
     */
    public record Tls(String trustStore, String trustStorePassword, String keyStore, String keyStorePassword) {

        public static final Tls JVM_DEFAULT = new Tls(null, null, null, null);

        public Optional<String> clientCertificate() {
            return Optional.ofNullable(keyStore);
        }

        @Override
        public String toString() {
            return "Tls[trustStore=" + trustStore + ", keyStore=" + keyStore + "]";
        }
    }
}
