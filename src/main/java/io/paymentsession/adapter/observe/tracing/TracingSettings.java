package io.paymentsession.adapter.observe.tracing;

import io.paymentsession.adapter.merchant.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
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
        boolean propagate = row.containsKey("propagate-to-providers")
                ? bool(PREFIX + "propagate-to-providers", row.get("propagate-to-providers")) : OFF.propagateToProviders();
        return new TracingSettings(endpoint, serviceName, propagate);
    }

    /**
     * An absolute http(s) URL with a host, without user info, query or fragment (a collector's credentials do not
     * belong in a URL that may be logged); no path means the OTLP/HTTP default, /v1/traces. The value is never quoted.
     */
    private static URI endpoint(String value) {
        String key = PREFIX + "otlp-endpoint";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(key, "is not a URL (http://collector:4318/v1/traces)");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new ConfigurationException(key, "must begin with http:// or https:// (OTLP over HTTP)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ConfigurationException(key, "has no host (http://collector:4318/v1/traces)");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigurationException(key, "takes no user info, query or fragment");
        }
        String path = uri.getRawPath();
        return path == null || path.isEmpty() || path.equals("/") ? uri.resolve(TRACES_PATH) : uri;
    }

    private static boolean bool(String key, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(key, "must be 'true' or 'false'");
        };
    }
}
