package io.paymentsession.adapter.idempotency;

import java.time.Duration;

/**
 * The {@code adapter.idempotency.*} keys, as checked at start-up.
 *
 * @param ttl how long a final reply is kept
 * @param lease how long a claim whose request never finished holds its key; null: by provider (see {@link #leaseFor})
 * @param maxKeys most keys held and kept at once, per instance
 */
public record IdempotencySettings(Duration ttl, Duration lease, int maxKeys) {

    public static final int DEFAULT_TTL_SECONDS = 86_400;
    public static final int DEFAULT_MAX_KEYS = 100_000;
    /** Past a provider's call-timeout-ms, before a claim lapses: the queue wait and the reply's own work. */
    static final Duration PROVIDER_LEASE_MARGIN = Duration.ofSeconds(5);
    /** A local create takes microseconds; this only covers a process that stalls. */
    public static final Duration LOCAL_LEASE = Duration.ofSeconds(5);

    public static final IdempotencySettings DEFAULTS =
            new IdempotencySettings(Duration.ofSeconds(DEFAULT_TTL_SECONDS), null, DEFAULT_MAX_KEYS);

    /**
     * The lease of a claim on a request the local store serves ({@code callTimeoutMs} null), or a provider: the
     * configured one, else the provider's call-timeout-ms plus 5 s, rounded up to whole seconds.
     */
    public Duration leaseFor(Integer callTimeoutMs) {
        if (lease != null) {
            return lease;
        }
        if (callTimeoutMs == null) {
            return LOCAL_LEASE;
        }
        long millis = callTimeoutMs + PROVIDER_LEASE_MARGIN.toMillis();
        return Duration.ofSeconds((millis + 999) / 1000);
    }
}
