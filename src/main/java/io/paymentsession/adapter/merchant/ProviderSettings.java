package io.paymentsession.adapter.merchant;

/** Where a provider is and how long the adapter waits for it. */
public record ProviderSettings(Provider provider, String url, String version, int connectTimeoutMs,
                               int responseTimeoutMs) {

    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
    public static final int DEFAULT_RESPONSE_TIMEOUT_MS = 10_000;
}
