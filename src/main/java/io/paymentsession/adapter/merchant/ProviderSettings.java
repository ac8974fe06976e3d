package io.paymentsession.adapter.merchant;

/**
 * Where a provider is, its API version (Mastercard) and the integrator name it is told (Worldline).
 * Its timeouts are endpoint options in its route file, read from the same
 * {@code adapter.providers.<provider>.*-timeout-ms} keys that {@code AdapterSettings} checks.
 */
public record ProviderSettings(Provider provider, String url, String version, String integrator) {
}
