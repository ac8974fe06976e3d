package io.paymentsession.adapter.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.paymentsession.adapter.canonical.Cause;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The adapter's own Prometheus metrics, beside Camel's, the JVM's and the circuit breakers' (resilience4j_*):
 * <ul>
 *   <li>{@code adapter_requests_total{operation, provider, outcome, cause, sandbox}}: every canonical reply;</li>
 *   <li>{@code adapter_request_duration_seconds{operation, provider, outcome, sandbox}}: end-to-end latency, histogram;</li>
 *   <li>{@code adapter_upstream_latency_seconds{operation, provider, outcome, sandbox}}: the provider call, histogram;</li>
 *   <li>{@code adapter_provider_unmapped_codes_total{provider, code}}: provider errors whose code the dialect's
 *   mapper does not know (provider/UnmappedCodes, which bounds the code label).</li>
 * </ul>
 * {@code sandbox="true"}: a simulated provider served the request (sandbox mode), else {@code "false"}.
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
    /** Each series is registered on its first use and kept: a request costs a map look-up, not a registry search. */
    private final Map<RequestKey, Counter> requests = new ConcurrentHashMap<>();
    private final Map<LatencyKey, Timer> durations = new ConcurrentHashMap<>();
    private final Map<LatencyKey, Timer> upstreamLatencies = new ConcurrentHashMap<>();
    private final Map<UnmappedKey, Counter> unmappedCodes = new ConcurrentHashMap<>();

    private record RequestKey(Operation operation, String provider, String outcome, Cause cause, boolean sandbox) {
    }

    private record LatencyKey(Operation operation, String provider, String outcome, boolean sandbox) {
    }

    private record UnmappedKey(String provider, String code) {
    }

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
        String outcome = request.outcome();
        requests.computeIfAbsent(new RequestKey(request.operation(), provider, outcome, request.cause(), request.sandbox()), this::requestCounter)
                .increment();
        LatencyKey latencyKey = new LatencyKey(request.operation(), provider, outcome, request.sandbox());
        durations.computeIfAbsent(latencyKey, key -> latency("adapter.request.duration", "End-to-end latency of a request", key))
                .record(request.latencyMs(), TimeUnit.MILLISECONDS);
        if (request.upstreamLatencyMs() != null) {
            upstreamLatencies.computeIfAbsent(latencyKey, key -> latency("adapter.upstream.latency", "Latency of the provider call", key))
                    .record(request.upstreamLatencyMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** @param code a bounded label, never the provider's raw text */
    public void unmappedProviderCode(String provider, String code) {
        unmappedCodes.computeIfAbsent(new UnmappedKey(provider, code), key -> Counter.builder("adapter.provider.unmapped.codes")
                        .description("Provider errors whose code the dialect's mapper does not know, by provider and code")
                        .tag("provider", key.provider())
                        .tag("code", key.code())
                        .register(registry))
                .increment();
    }

    private Counter requestCounter(RequestKey key) {
        return Counter.builder("adapter.requests")
                .description("Canonical replies, by operation, provider, outcome and cause")
                .tag("operation", key.operation().tag())
                .tag("provider", key.provider())
                .tag("outcome", key.outcome())
                .tag("cause", key.cause() == null ? "NONE" : key.cause().name())
                .tag("sandbox", Boolean.toString(key.sandbox()))
                .register(registry);
    }

    private Timer latency(String name, String description, LatencyKey key) {
        return Timer.builder(name)
                .description(description)
                .tag("operation", key.operation().tag())
                .tag("provider", key.provider())
                .tag("outcome", key.outcome())
                .tag("sandbox", Boolean.toString(key.sandbox()))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }
}
