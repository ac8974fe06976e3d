package io.paymentsession.adapter.observe.tracing;

import java.util.List;
import org.apache.camel.CamelContext;

/**
 * OpenTelemetry tracing through Camel's own tracer (camel-opentelemetry2), installed only when it is configured:
 * with tracing off nothing is bound, no tracer, route policy or event notifier is added, no thread starts, and no
 * OpenTelemetry class is loaded (they are all in {@link TracingSdk}).
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
     * A span processor ({@code io.opentelemetry.sdk.trace.SpanProcessor}) bound under this name before start-up
     * replaces the OTLP exporter and turns tracing on (an application embedding the adapter, or a test with the SDK's
     * in-memory exporter).
     */
    public static final String SPAN_PROCESSOR_BEAN = "tracingSpanProcessor";
    /** The request headers that carry a caller's trace context (W3C Trace Context). */
    public static final List<String> INBOUND_HEADERS = List.of("traceparent", "tracestate");

    private Tracing() {
    }

    /** Whether tracing was installed in this context (the API's consumers then pass the trace headers on). */
    public static boolean isOn(CamelContext context) {
        return ProviderSpans.of(context) != ProviderSpans.OFF;
    }

    /** Installs tracing when an OTLP endpoint is set or a span processor is bound; else does nothing. */
    public static void install(CamelContext context, TracingSettings settings) {
        Object processor = context.getRegistry().lookupByName(SPAN_PROCESSOR_BEAN);
        if (processor != null || settings.otlpEndpoint() != null) {
            TracingSdk.install(context, settings, processor);
        }
    }
}
