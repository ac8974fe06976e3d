package io.paymentsession.adapter.observe.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.provider.OutboundRequest;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.util.function.BiConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Starts the span of each provider call (provider/call/ProviderCall). Its parent is the span whose W3C context Camel's
 * tracer put in the exchange's {@code traceparent} header: the request's span. {@link #OFF} when tracing is off.
 */
public class ProviderSpans {

    /** Tracing off: no span, no header, nothing allocated. */
    public static final ProviderSpans OFF = new ProviderSpans();
    /** The bean name {@link Tracing} binds the running instance under. */
    static final String BEAN = "tracingProviderSpans";
    /** The call's span on its exchange, for the HTTP binding to write its traceparent (propagation on only). */
    private static final String SPAN_PROPERTY = "adapterProviderSpan";

    private ProviderSpans() {
    }

    /** The spans of this adapter's provider calls: the bound instance, or {@link #OFF}. */
    public static ProviderSpans of(CamelContext context) {
        ProviderSpans spans = context.getRegistry().lookupByNameAndType(BEAN, ProviderSpans.class);
        return spans == null ? OFF : spans;
    }

    /** @param request the dialect's request, before the exchange's headers are cleared */
    public ProviderSpan start(Exchange exchange, String provider, OutboundRequest request) {
        return ProviderSpan.NONE;
    }

    /** Writes the traceparent of the exchange's provider call, when the adapter sends it (propagation on). */
    public void inject(Exchange exchange, MultiMap headers) {
    }

    /** Tracing on; the OpenTelemetry classes are loaded only then. */
    static final class Recording extends ProviderSpans {

        static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("adapter.provider");
        static final AttributeKey<String> CAUSE = AttributeKey.stringKey("adapter.cause");
        private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
        private static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
        private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
        private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
        private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
        private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

        private static final TextMapGetter<Message> HEADERS = new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(Message message) {
                return message.getHeaders().keySet();
            }

            @Override
            public String get(Message message, String key) {
                Object value = message == null ? null : message.getHeader(key);
                return value instanceof String text ? text : null;
            }
        };

        private final Tracer tracer;
        private final TextMapPropagator propagator;
        private final boolean propagate;

        Recording(Tracer tracer, TextMapPropagator propagator, boolean propagate) {
            this.tracer = tracer;
            this.propagator = propagator;
            this.propagate = propagate;
        }

        @Override
        public ProviderSpan start(Exchange exchange, String provider, OutboundRequest request) {
            Context parent = propagator.extract(Context.root(), exchange.getMessage(), HEADERS);
            URI uri = URI.create(request.uri());
            Span span = tracer.spanBuilder("provider " + provider)
                    .setParent(parent)
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(PROVIDER, provider)
                    .setAttribute(METHOD, request.method())
                    // scheme, host, port and path: a query could hold what a dialect means for the provider only
                    .setAttribute(URL, uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath())
                    .setAttribute(SERVER_ADDRESS, uri.getHost())
                    .setAttribute(SERVER_PORT, (long) (uri.getPort() > 0 ? uri.getPort()
                            : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80))
                    .startSpan();
            Call call = new Call(span, propagator);
            if (propagate) {
                exchange.setProperty(SPAN_PROPERTY, call);
            }
            return call;
        }

        @Override
        public void inject(Exchange exchange, MultiMap headers) {
            ProviderSpan call = propagate ? exchange.getProperty(SPAN_PROPERTY, ProviderSpan.class) : null;
            if (call != null) {
                call.inject(headers::set);
            }
        }
    }

    private record Call(Span span, TextMapPropagator propagator) implements ProviderSpan {

        @Override
        public void inject(BiConsumer<String, String> header) {
            propagator.inject(Context.root().with(span), header, BiConsumer::accept);
        }

        @Override
        public void replied(int status) {
            span.setAttribute(Recording.STATUS, (long) status);
            if (status >= 400) {
                // OpenTelemetry's rule for a client span: the provider refused or failed the request
                span.setAttribute(Recording.ERROR_TYPE, Integer.toString(status));
                span.setStatus(StatusCode.ERROR);
            }
        }

        @Override
        public void failed(Cause cause) {
            span.setAttribute(Recording.ERROR_TYPE, cause.name());
            span.setAttribute(Recording.CAUSE, cause.name());
            span.setStatus(StatusCode.ERROR, cause.name());
        }

        @Override
        public void failed(Throwable failure) {
            span.setAttribute(Recording.ERROR_TYPE, failure.getClass().getName());
            span.setStatus(StatusCode.ERROR);
        }

        @Override
        public void end() {
            span.end();
        }
    }
}
