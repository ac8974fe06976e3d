package io.paymentsession.adapter.observe;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Gives every series about one provider a {@code provider} tag.
 * <ul>
 *   <li>A provider's circuit breaker and bulkhead are named {@code <provider>-breaker} (provider/call/ProviderCalls):
 *   their {@code resilience4j_*} series get {@code provider}.</li>
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
        if (id.getName().startsWith("resilience4j.") && breaker != null && breaker.endsWith(BREAKER_SUFFIX)) {
            return id.withTag(Tag.of("provider", breaker.substring(0, breaker.length() - BREAKER_SUFFIX.length())));
        }
        String routeId = id.getTag("routeId");
        if (routeId != null) {
            return id.withTag(Tag.of("provider", routeId.startsWith(ROUTE_PREFIX) ? routeId.substring(ROUTE_PREFIX.length()) : ""));
        }
        return id;
    }
}
