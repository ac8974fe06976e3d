package io.paymentsession.adapter.provider.call;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.provider.Dialect;
import io.paymentsession.adapter.provider.UnmappedCodes;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Builds each provider's route steps (routes/providers.camel.yaml) and binds them by name: {@code <provider>-request},
 * {@code <provider>-call}, {@code <provider>-reply}; with the provider's circuit breaker and bulkhead, whose series
 * ({@code resilience4j_circuitbreaker_*}, {@code resilience4j_bulkhead_*}, {@code name="<provider>-breaker"}, the
 * name they have always had) and the queue's ({@code adapter_provider_queued_calls}) go to the metrics registry.
 */
public final class ProviderCalls {

    /** The dry run's request step (routes/dry-run.camel.yaml): every provider's, by the merchant's provider. */
    public static final String DRY_RUN_STEP = "dryRunRequest";

    private final CamelContext context;
    private final Vertx vertx;
    private final MeterRegistry metrics;
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
    private final DryRunRequest dryRun = new DryRunRequest();
    private final UnmappedCodes unmappedCodes;
    private final boolean sandbox;

    /**
     * @param metrics the registry /observe/metrics serves; null: none (the breakers still work)
     * @param sandbox sandbox mode: replies are marked {@code upstream.sandbox: true}
     */
    public ProviderCalls(CamelContext context, Vertx vertx, MeterRegistry metrics, UnmappedCodes unmappedCodes,
                         boolean sandbox) {
        this.context = context;
        this.vertx = vertx;
        this.metrics = metrics;
        this.unmappedCodes = unmappedCodes;
        this.sandbox = sandbox;
        if (metrics != null) {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(metrics);
            TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(metrics);
        }
        context.getRegistry().bind(DRY_RUN_STEP, dryRun);
    }

    /** Binds the steps of one provider's route, every request to the provider's URL; returns its circuit breaker. */
    public CircuitBreaker bind(Dialect dialect, ProviderSettings settings) {
        return bind(dialect, settings, request -> settings);
    }

    /**
     * Binds the steps of one provider's route; returns its circuit breaker.
     *
     * @param settingsFor each request's settings: {@code settings} with the base URL the request goes to (sandbox mode:
     *                    the simulator of the behaviour the request chooses); the call's limits are {@code settings}'
     */
    public CircuitBreaker bind(Dialect dialect, ProviderSettings settings,
                               Function<CreateSessionRequest, ProviderSettings> settingsFor) {
        String name = dialect.id() + "-breaker";
        ProviderSettings.Breaker limits = settings.breaker();
        CircuitBreaker breaker = breakers.circuitBreaker(name, CircuitBreakerConfig.custom()
                .failureRateThreshold(limits.failureRateThreshold())
                .minimumNumberOfCalls(limits.minimumCalls())
                .waitDurationInOpenState(Duration.ofSeconds(limits.waitInOpenSeconds()))
                .permittedNumberOfCallsInHalfOpenState(limits.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
        // never blocks: a call that finds it full waits in the CallQueue instead
        Bulkhead bulkhead = bulkheads.bulkhead(name, BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build());
        CallQueue queue = new CallQueue(bulkhead, settings.maxQueuedCalls(), settings.queueWaitMs(), vertx);
        if (metrics != null) {
            Gauge.builder("adapter.provider.queued.calls", queue, CallQueue::waiting)
                    .description("Calls waiting for a free slot to the provider")
                    .tag("provider", dialect.id())
                    .register(metrics);
        }
        Registry registry = context.getRegistry();
        ProviderRequest request = new ProviderRequest(dialect, settingsFor);
        registry.bind(dialect.id() + "-request", request);
        dryRun.add(dialect, request, breaker);
        registry.bind(dialect.id() + "-call", new ProviderCall(context, vertx, settings, queue, breaker));
        registry.bind(dialect.id() + "-reply", new ProviderReply(dialect, breaker, unmappedCodes, sandbox));
        return breaker;
    }
}
