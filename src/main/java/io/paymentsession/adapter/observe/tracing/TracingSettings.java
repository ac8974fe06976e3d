package io.paymentsession.adapter.observe.tracing;

import io.paymentsession.adapter.merchant.ConfigurationException;
import io.paymentsession.adapter.merchant.SettingValues;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code adapter.tracing.*} keys (README "Tracing"), checked at start-up like every adapter key.
 *
 * @param otlpEndpoint         the collector's OTLP/HTTP traces URL; null: tracing off
 * @param serviceName          {@code service.name} of every span
 * @param propagateToProviders whether a provider call sends the W3C {@code traceparent} and {@code tracestate}
 */
public record TracingSettings(URI otlpEndpoint, String serviceName, boolean propagateToProviders) {

    public static final String PREFIX = "adapter.tracing.";
    public static final Set<String> KEYS = new TreeSet<>(Set.of("otlp-endpoint", "service-name", "propagate-to-providers"));
    public static final TracingSettings OFF = new TracingSettings(null, "payment-session-adapter", false);
    /** Where an OTLP/HTTP collector takes traces, when the URL names no path. */
    private static final String TRACES_PATH = "/v1/traces";

    /** @param row the keys after {@link #PREFIX}, each one of {@link #KEYS} */
    public static TracingSettings from(Map<String, String> row) {
        URI endpoint = row.containsKey("otlp-endpoint") ? endpoint(row.get("otlp-endpoint")) : OFF.otlpEndpoint();
        String serviceName = row.getOrDefault("service-name", OFF.serviceName());
        if (serviceName.isEmpty() || serviceName.length() > 100) {
            throw new ConfigurationException(PREFIX + "service-name", "must be 1 to 100 characters");
        }
        String propagateValue = row.get("propagate-to-providers");
        boolean propagate = propagateValue == null ? OFF.propagateToProviders()
                : SettingValues.trueOrFalse(PREFIX + "propagate-to-providers", propagateValue);
        return new TracingSettings(endpoint, serviceName, propagate);
    }

    /** An absolute http(s) URL ({@link SettingValues#httpUrl}); no path means the OTLP/HTTP default, /v1/traces. */
    private static URI endpoint(String value) {
        URI uri = SettingValues.httpUrl(PREFIX + "otlp-endpoint", value);
        String path = uri.getRawPath();
        return path == null || path.isEmpty() || path.equals("/") ? uri.resolve(TRACES_PATH) : uri;
    }
}
