package io.paymentsession.adapter.observe;

import java.util.Map;
import org.apache.camel.Route;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A provider's circuit breaker in /observe/health ({@code ?exposureLevel=full}): always UP, so one
 * provider's trouble never takes the adapter out of service (the others still work), with the breaker's
 * state (CLOSED, OPEN, HALF_OPEN) and counts as details.
 */
public final class ProviderHealth extends AbstractHealthCheck {

    private final String routeId;

    public ProviderHealth(String provider) {
        super("adapter", "provider-" + provider);
        this.routeId = "provider-" + provider;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.up();
        ResilienceProcessor breaker = breaker();
        if (breaker != null) {
            builder.message("circuit breaker " + breaker.getCircuitBreakerState());
            builder.detail("breaker", breaker.getCircuitBreakerState());
            builder.detail("failedCalls", breaker.getNumberOfFailedCalls());
            builder.detail("notPermittedCalls", breaker.getNumberOfNotPermittedCalls());
        }
    }

    /** The route's circuit breaker (routes/providers.camel.yaml), found by type: templates prefix node ids. */
    private ResilienceProcessor breaker() {
        Route route = getCamelContext().getRoute(routeId);
        if (route == null) {
            return null;
        }
        return route.filter("*").stream()
                .filter(ResilienceProcessor.class::isInstance)
                .map(ResilienceProcessor.class::cast)
                .findFirst().orElse(null);
    }
}
