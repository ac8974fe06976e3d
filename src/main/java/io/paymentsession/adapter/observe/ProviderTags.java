package io.paymentsession.adapter.observe;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.paymentsession.adapter.merchant.Provider;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Gives every series about one provider a stable {@code provider} tag.
 * <ul>
 *   <li>Resilience4j names a breaker (and its bulkhead and time limiter) after the circuitBreaker step's id, to which
 *   Camel adds a prefix that depends on start order ({@code route-1mpgs-rest-breaker}). Such a {@code name} becomes
 *   {@code <provider>-breaker}, as written in routes/providers.camel.yaml, and gets {@code provider}.</li>
 *   <li>Camel's per-route series of {@code provider-<provider>} get {@code provider}; those of other routes get it
 *   empty (to Prometheus, no label), since all series of one name must have the same tag keys.</li>
 * </ul>
 */
final class ProviderTags implements MeterFilter {

    private static final String BREAKER_SUFFIX = "-breaker";
    private static final String ROUTE_PREFIX = "provider-";

    @Override
    public Meter.Id map(Meter.Id id) {
        String breaker = id.getTag("name");
        if (id.getName().startsWith("resilience4j.") && breaker != null) {
            String provider = provider(p -> breaker.endsWith(p.id() + BREAKER_SUFFIX));
            return provider.isEmpty() ? id
                    : id.withTag(Tag.of("name", provider + BREAKER_SUFFIX)).withTag(Tag.of("provider", provider));
        }
        String routeId = id.getTag("routeId");
        if (routeId != null) {
            return id.withTag(Tag.of("provider", provider(p -> routeId.equals(ROUTE_PREFIX + p.id()))));
        }
        return id;
    }

    /** The id of the provider that matches, or "" for none. */
    private static String provider(Predicate<Provider> matches) {
        return Arrays.stream(Provider.values()).filter(matches).map(Provider::id).findFirst().orElse("");
    }
}
