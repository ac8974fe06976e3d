package io.paymentsession.adapter.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The adapter's own Prometheus metrics, beside Camel's, the JVM's and the circuit breakers' (resilience4j_*):
 * <ul>
 *   <li>{@code adapter_requests_total{operation, provider, outcome, cause}}: every canonical reply;</li>
 *   <li>{@code adapter_request_duration_seconds{operation, provider, outcome}}: end-to-end latency, histogram;</li>
 *   <li>{@code adapter_upstream_latency_seconds{operation, provider, outcome}}: the provider call, histogram.</li>
 * </ul>
 */
public final class AdapterMetrics {

    /**
     * The histograms' bucket bounds: from a local-store reply (a few ms) to a provider call at its limits (response
     * timeout 10 s, call timeout 15 s) and the 30 s shutdown grace; with +Inf, 14 buckets per series.
     */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30)};

    private final MeterRegistry registry;

    public AdapterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The registry /observe/metrics serves, with {@link ProviderTags} in place before any series is registered. Bound
     * as {@code metricsRegistry} before Camel starts, camel-micrometer-prometheus and the circuit breakers use it.
     */
    public static PrometheusMeterRegistry prometheusRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new ProviderTags());
        return registry;
    }

    public void record(RequestRecord request) {
        String provider = request.provider() == null ? "none" : request.provider();
        Counter.builder("adapter.requests")
                .description("Canonical replies, by operation, provider, outcome and cause")
                .tag("operation", request.operation().tag())
                .tag("provider", provider)
                .tag("outcome", request.outcome())
                .tag("cause", request.cause() == null ? "NONE" : request.cause().name())
                .register(registry)
                .increment();
        latency("adapter.request.duration", "End-to-end latency of a request", provider, request, request.latencyMs());
        if (request.upstreamLatencyMs() != null) {
            latency("adapter.upstream.latency", "Latency of the provider call", provider, request, request.upstreamLatencyMs());
        }
    }

    private void latency(String name, String description, String provider, RequestRecord request, long millis) {
        Timer.builder(name)
                .description(description)
                .tag("operation", request.operation().tag())
                .tag("provider", provider)
                .tag("outcome", request.outcome())
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry)
                .record(Duration.ofMillis(millis));
    }
}
