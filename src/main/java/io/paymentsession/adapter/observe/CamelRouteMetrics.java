package io.paymentsession.adapter.observe;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyConfiguration;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;

/**
 * Camel's own per-route series ({@code camel_exchanges_*}, {@code camel_route_policy_seconds}) for the provider routes,
 * in place of camel-micrometer's route policy for every route and the whole context ({@code camel.metrics.enable-route-policy
 * = false}). The local path's routes are left out: {@code adapter_*} counts and times each of their requests already,
 * and Camel's timers and counters on three more routes per request cost more than the rest of the local path's work.
 */
public final class CamelRouteMetrics {

    /** The routes of the API, of CreateSession and of the local store (Camel's pattern syntax, comma-separated). */
    static final String LOCAL_PATH_ROUTES = "api-*,create-session,session-store*";

    private CamelRouteMetrics() {
    }

    public static void install(CamelContext context, MeterRegistry registry) throws Exception {
        MicrometerRoutePolicyConfiguration configuration = new MicrometerRoutePolicyConfiguration();
        configuration.setContextEnabled(false);
        configuration.setExcludePattern(LOCAL_PATH_ROUTES);
        MicrometerRoutePolicyFactory factory = new MicrometerRoutePolicyFactory();
        factory.setPolicyConfiguration(configuration);
        factory.setMeterRegistry(registry);
        context.addService(factory);
        context.addRoutePolicyFactory(factory);
    }
}
