package io.paymentsession.adapter.observe;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A provider's circuit breaker in /observe/health ({@code ?exposureLevel=full}): always UP, so one
 * provider's trouble never takes the adapter out of service (the others still work), with the breaker's
 * state (CLOSED, OPEN, HALF_OPEN) and counts as details.
 */
public final class ProviderHealth extends AbstractHealthCheck {

    private final CircuitBreaker breaker;

    public ProviderHealth(String provider, CircuitBreaker breaker) {
        super("adapter", "provider-" + provider);
        this.breaker = breaker;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.up();
        String state = breaker.getState().name();
        builder.message("circuit breaker " + state);
        builder.detail("breaker", state);
        builder.detail("failedCalls", breaker.getMetrics().getNumberOfFailedCalls());
        builder.detail("notPermittedCalls", breaker.getMetrics().getNumberOfNotPermittedCalls());
    }
}
