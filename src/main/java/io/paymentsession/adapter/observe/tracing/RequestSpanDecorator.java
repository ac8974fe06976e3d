package io.paymentsession.adapter.observe.tracing;

import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.flow.ExchangeProperties;
import io.paymentsession.adapter.idempotency.IdempotentReplay;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.observe.Operation;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.decorators.PlatformHttpSpanDecorator;

/**
 * The span Camel's tracer makes for each request on the API port (the platform-http route's), shaped for operators:
 * named {@code <method> <route path>} ({@code POST /api/v1/sessions}, {@code GET /api/v1/sessions/{id}}), with the
 * request's canonical facts. Camel finds it with its own decorators (META-INF/services), and it replaces theirs for
 * platform-http because it extends it. Every value is one the access log also shows: never a secret.
 */
public class RequestSpanDecorator extends PlatformHttpSpanDecorator {

    @Override
    public String getOperationName(Exchange exchange, Endpoint endpoint) {
        String path = endpoint instanceof PlatformHttpEndpoint http ? http.getPath() : stripSchemeAndOptions(endpoint);
        return getHttpMethod(exchange, endpoint) + " " + path;
    }

    @Override
    public void afterTracingEvent(Span span, Exchange exchange) {
        super.afterTracingEvent(span, exchange);
        Operation operation = exchange.getProperty(ExchangeProperties.ACCESS_OPERATION, Operation.CREATE, Operation.class);
        Throwable thrown = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (thrown instanceof IdempotentReplay) {
            operation = Operation.REPLAY;
        }
        span.setTag("adapter.operation", operation.tag());
        CreateSessionRequest request = exchange.getProperty(ExchangeProperties.SESSION_REQUEST, CreateSessionRequest.class);
        if (request != null) {
            span.setTag("adapter.merchant_id", request.merchantId());
            if (request.correlationId() != null) {
                span.setTag("adapter.correlation_id", request.correlationId());
            }
        }
        MerchantAccount account = exchange.getProperty(ExchangeProperties.MERCHANT_ACCOUNT, MerchantAccount.class);
        if (account != null) {
            span.setTag("adapter.provider", account.provider().id());
        }
        String cause = cause(thrown);
        if (cause != null) {
            span.setTag("adapter.cause", cause);
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null && status >= 500) {
            // a server span is in error when the adapter failed the request, not when the caller's was refused
            span.setError(true);
        }
    }

    /** The canonical cause of the error reply, as api/CanonicalReplies answered it; null for a success. */
    private static String cause(Throwable thrown) {
        if (thrown instanceof IdempotentReplay replay) {
            return replay.reply().cause() == null ? null : replay.reply().cause().name();
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof CanonicalException refusal) {
                return refusal.error().cause().name();
            }
        }
        return thrown == null ? null : "SERVER_FAILED";
    }
}
