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
import io.paymentsession.adapter.merchant.ConfigurationException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The OpenTelemetry SDK and Camel's tracer, as {@link Tracing} installs them when tracing is on. */
final class TracingSdk {

    /** Camel's internal hops: the request's span covers them. */
    static final String EXCLUDED_ENDPOINTS = "direct:*";
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(5);
    /** How long a stop waits for the last spans to leave; a collector that is down must not hold the drain. */
    private static final long FLUSH_ON_STOP_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);

    private TracingSdk() {
    }

    /** @param bound a span processor bound in the registry, or null: the OTLP exporter of the settings */
    static void install(CamelContext context, TracingSettings settings, Object bound) {
        Registry registry = context.getRegistry();
        SdkLogBridge.install();
        SpanProcessor processor;
        if (bound instanceof SpanProcessor given) {
            processor = given;
        } else if (bound != null) {
            throw new ConfigurationException(Tracing.SPAN_PROCESSOR_BEAN, "is bound, but not to an OpenTelemetry SpanProcessor");
        } else {
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
