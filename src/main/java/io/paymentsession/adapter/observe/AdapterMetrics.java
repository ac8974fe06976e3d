package io.paymentsession.adapter.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.apache.camel.CamelContext;

/**
 * The adapter's own Prometheus metrics, beside Camel's and the circuit breakers' (resilience4j_*):
 * <ul>
 *   <li>{@code adapter_requests_total{provider, outcome, cause}}: every canonical reply;</li>
 *   <li>{@code adapter_request_duration_seconds{provider, outcome}}: end-to-end latency, histogram;</li>
 *   <li>{@code adapter_upstream_latency_seconds{provider, outcome}}: the provider call, histogram.</li>
 * </ul>
 * The registry is the one camel-micrometer-prometheus serves on /observe/metrics; without it nothing is recorded.
 */
public final class AdapterMetrics {

    private final CamelContext context;
    private volatile MeterRegistry registry;

    public AdapterMetrics(CamelContext context) {
        this.context = context;
    }

    public void record(RequestRecord request) {
        MeterRegistry meters = registry();
        if (meters == null) {
            return;
        }
        String provider = request.provider() == null ? "none" : request.provider();
        Counter.builder("adapter.requests")
                .description("Canonical replies, by provider, outcome and cause")
                .tag("provider", provider)
                .tag("outcome", request.outcome())
                .tag("cause", request.cause() == null ? "NONE" : request.cause().name())
                .register(meters)
                .increment();
        latency("adapter.request.duration", "End-to-end latency of a request", provider, request, request.latencyMs(), meters);
        if (request.upstreamLatencyMs() != null) {
            latency("adapter.upstream.latency", "Latency of the provider call", provider, request,
                    request.upstreamLatencyMs(), meters);
        }
    }

    private static void latency(String name, String description, String provider, RequestRecord request, long millis,
                                MeterRegistry meters) {
        Timer.builder(name)
                .description(description)
                .tag("provider", provider)
                .tag("outcome", request.outcome())
                .publishPercentileHistogram()
                .register(meters)
                .record(Duration.ofMillis(millis));
    }

    /** Looked up on first use: the Prometheus registry is created when Camel starts, after the beans are bound. */
    private MeterRegistry registry() {
        MeterRegistry meters = registry;
        if (meters == null) {
            meters = context.getRegistry().findSingleByType(MeterRegistry.class);
            registry = meters;
        }
        return meters;
    }
}
