package io.paymentsession.adapter.observe.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenTelemetry tracing through Camel's own tracer (camel-opentelemetry2), installed only when it is configured:
 * with tracing off nothing is bound, no tracer, route policy or event notifier is added, and no thread starts.
 * <ul>
 *   <li>Camel's tracer makes one span per request on the API port (its platform-http route, shaped by
 *   {@link RequestSpanDecorator}) and reads the caller's W3C {@code traceparent} from the request's headers
 *   (api/AsyncHttpEngine passes them on). Internal {@code direct:} hops and single processors get no span.</li>
 *   <li>Each provider call gets its own CLIENT span, child of the request's ({@link ProviderSpans}): the call is the
 *   adapter's own processor, which Camel's tracer does not see.</li>
 *   <li>Spans go to the collector in batches, from a thread of their own: a collector that is slow or down never
 *   slows a request; when the queue is full, spans are dropped.</li>
 * </ul>
 */
public final class Tracing {

    /**
     * A {@link SpanProcessor} bound under this name before start-up replaces the OTLP exporter and turns tracing on
     * (an application embedding the adapter, or a test with the SDK's in-memory exporter).
     */
    public static final String SPAN_PROCESSOR_BEAN = "tracingSpanProcessor";
    /** The request headers that carry a caller's trace context (W3C Trace Context). */
    public static final List<String> INBOUND_HEADERS = List.of("traceparent", "tracestate");
    /** Camel's internal hops: the request's span covers them. */
    static final String EXCLUDED_ENDPOINTS = "direct:*";
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(5);
    /** How long a stop waits for the last spans to leave; a collector that is down must not hold the drain. */
    private static final long FLUSH_ON_STOP_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);

    private Tracing() {
    }

    /** Whether tracing was installed in this context (the API's consumers then pass the trace headers on). */
    public static boolean isOn(CamelContext context) {
        return ProviderSpans.of(context) != ProviderSpans.OFF;
    }

    /** Installs tracing when an OTLP endpoint is set or a span processor is bound; else does nothing. */
    public static void install(CamelContext context, TracingSettings settings) {
        Registry registry = context.getRegistry();
        SpanProcessor processor = registry.lookupByNameAndType(SPAN_PROCESSOR_BEAN, SpanProcessor.class);
        if (processor == null && settings.otlpEndpoint() == null) {
            return;
        }
        if (processor == null) {
            processor = BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                            .setEndpoint(settings.otlpEndpoint().toString())
                            .setTimeout(EXPORT_TIMEOUT)
                            .build())
                    .setExporterTimeout(EXPORT_TIMEOUT)
                    .build();
        }
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), settings.serviceName()))))
                // every request, unless the caller's traceparent says its trace is not sampled
                .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
                .addSpanProcessor(processor)
                .build();
        Tracer tracer = provider.get("io.paymentsession.adapter");
        ContextPropagators propagators = ContextPropagators.create(W3CTraceContextPropagator.getInstance());
        // found by type by Camel's tracer (else it would take GlobalOpenTelemetry's): only W3C trace context, no baggage
        registry.bind("tracingTracer", Tracer.class, tracer);
        registry.bind("tracingPropagators", ContextPropagators.class, propagators);
        registry.bind(ProviderSpans.BEAN, new ProviderSpans.Recording(tracer, propagators.getTextMapPropagator(),
                settings.propagateToProviders()));
        OpenTelemetryTracer camelTracer = new OpenTelemetryTracer();
        camelTracer.setExcludePatterns(EXCLUDED_ENDPOINTS);
        camelTracer.setTraceProcessors(false);
        camelTracer.init(context);
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext ctx) {
                provider.shutdown().join(FLUSH_ON_STOP_SECONDS, TimeUnit.SECONDS);
            }
        });
        LOG.info("Tracing on: spans to {}, service.name={}, trace context sent to providers: {}",
                settings.otlpEndpoint() == null ? "the bound span processor" : settings.otlpEndpoint(),
                settings.serviceName(), settings.propagateToProviders() ? "yes" : "no");
    }
}
