package io.paymentsession.adapter.provider.call;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.paymentsession.adapter.canonical.CanonicalError;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.flow.ExchangeProperties;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.observe.tracing.ProviderSpan;
import io.paymentsession.adapter.observe.tracing.ProviderSpans;
import io.paymentsession.adapter.provider.OutboundRequest;
import io.paymentsession.adapter.provider.UpstreamReply;
import io.paymentsession.adapter.provider.call.UpstreamFailure.CallTimeout;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.vertx.http.VertxHttpEndpoint;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * {@code <provider>-call}: the provider's HTTP call through camel-vertx-http, guarded; no thread waits on it.
 * <ol>
 *   <li>A slot ({@link CallQueue}): at most max-concurrent-calls in flight, the next ones wait up to queue-wait-ms,
 *   then are refused: SERVER_BUSY, source ADAPTER, {@code Retry-After: 1}, nothing sent.</li>
 *   <li>Then, and only then, the circuit breaker's permission; an open breaker refuses: UPSTREAM_UNAVAILABLE, source
 *   ADAPTER, nothing sent. So the adapter's own refusals never count as the provider's failures.</li>
 *   <li>The HTTP call, within call-timeout-ms from here to the reply's last byte (a Vert.x timer resets the request
 *   when it passes), retried after connect-retry-backoff-ms (a Vert.x timer) only when the request never left.</li>
 *   <li>A reply goes on as the body ({@link UpstreamReply}); the breaker hears of it from {@link ProviderReply}, once
 *   the dialect has read it. A failure of the provider or the network is recorded by the breaker and thrown as its
 *   canonical error. Anything else is the adapter's own failure: the breaker's permission is given back.</li>
 * </ol>
 * In: the dialect's {@link OutboundRequest}. Out: the provider's {@link UpstreamReply}.
 */
final class ProviderCall extends AsyncProcessorSupport {

    private final CamelContext context;
    private final Vertx vertx;
    private final ProviderSettings settings;
    private final CallQueue queue;
    private final CircuitBreaker breaker;
    private AsyncProducer producer;
    /** The calls' spans (README "Tracing"); OFF when tracing is off. */
    private ProviderSpans spans;

    ProviderCall(CamelContext context, Vertx vertx, ProviderSettings settings, CallQueue queue, CircuitBreaker breaker) {
        this.context = context;
        this.vertx = vertx;
        this.settings = settings;
        this.queue = queue;
        this.breaker = breaker;
    }

    /**
     * The provider's vertx-http endpoint. Its URI only names it: each request's URL is the dialect's. Errors are
     * the dialect's to judge, so every status comes back as a reply.
     */
    @Override
    protected void doStart() throws Exception {
        spans = ProviderSpans.of(context);
        ProviderHttpBinding binding = new ProviderHttpBinding(settings, spans);
        Endpoint endpoint = context.getEndpoint("vertx-http:http://" + settings.provider(), Map.of(
                "vertxHttpBinding", binding,
                "webClientOptions", binding.clientOptions(),
                "throwExceptionOnFailure", false));
        ServiceHelper.startService(endpoint);
        producer = new ProviderHttpProducer((VertxHttpEndpoint) endpoint);
        ServiceHelper.startService(producer);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(producer);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        return new Call(exchange, callback).begin();
    }

    private static CanonicalException busy() {
        return new CanonicalException(CanonicalError.of(Cause.SERVER_BUSY, ErrorSource.ADAPTER,
                "Too many calls to this provider are in progress; nothing was sent.")).withReplyHeader("Retry-After", "1");
    }

    private static CanonicalException breakerOpen() {
        return new CanonicalException(CanonicalError.of(Cause.UPSTREAM_UNAVAILABLE, ErrorSource.ADAPTER,
                "The provider's circuit breaker is open after repeated failures; nothing was sent."));
    }

    /** One exchange's call. It completes the exchange exactly once, through {@link #end}. */
    private final class Call {

        private final Exchange exchange;
        private final AsyncCallback callback;
        /** The Vert.x context the call began on; null on a thread that is not Vert.x's. */
        private final Context caller = Vertx.currentContext();
        private final OutboundRequest request;
        private int retriesLeft = settings.connectRetries();
        private long startedNanos;
        private long deadline = -1;
        private HttpAttempt attempt;
        private ProviderSpan span = ProviderSpan.NONE;
        private boolean timedOut;
        private boolean slotHeld;
        private boolean inProcess = true;
        private boolean ended;

        Call(Exchange exchange, AsyncCallback callback) {
            this.exchange = exchange;
            this.callback = callback;
            this.request = exchange.getMessage().getBody(OutboundRequest.class);
        }

        /** Camel's process: true when the call already ended (refused at once), its callback done. */
        boolean begin() {
            queue.enter(this::granted, () -> end(busy()));
            synchronized (this) {
                inProcess = false;
                if (!ended) {
                    return false;
                }
            }
            callback.done(true);
            return true;
        }

        private void granted() {
            synchronized (this) {
                slotHeld = true;
            }
            if (!breaker.tryAcquirePermission()) {
                releaseSlot();
                end(breakerOpen());
                return;
            }
            try {
                start();
            } catch (RuntimeException bug) {
                // a request the dialect built wrong: the slot and the permission go back, the caller gets a 500
                exchange.setException(bug);
                complete();
                return;
            }
            send();
        }

        private void start() {
            startedNanos = System.nanoTime();
            // milliseconds, as every time the adapter reports; rounding down keeps expiresAt on the safe side
            exchange.setProperty(ExchangeProperties.UPSTREAM_SENT_AT, Instant.now().truncatedTo(ChronoUnit.MILLIS));
            deadline = vertx.setTimer(settings.callTimeoutMs(), id -> timeOut());
            // its parent, the request's span, is in the exchange's headers
            span = spans.start(exchange, settings.provider(), request);
            Message message = exchange.getMessage();
            // the caller's own headers (CamelHttpPath, CamelHttpQuery among them) must not shape the provider's URL
            message.removeHeaders("*");
            message.setHeader(Exchange.HTTP_METHOD, HttpMethod.valueOf(request.method()));
            message.setHeader(Exchange.HTTP_URI, request.uri());
        }

        private void send() {
            HttpAttempt next;
            synchronized (this) {
                next = timedOut ? null : new HttpAttempt(request, settings.maxReplyBytes(), this::releaseSlot);
                attempt = next;
            }
            if (next == null) {
                // the deadline passed while waiting to retry a connect: still nothing sent
                exchange.setException(new UpstreamFailure(new CallTimeout(settings.callTimeoutMs()), false));
                complete();
                return;
            }
            exchange.getMessage().setBody(next);
            producer.process(exchange, doneSync -> attempted());
        }

        private void attempted() {
            boolean retry = exchange.getException() instanceof UpstreamFailure failure && !failure.left()
                    && retriesLeft > 0 && !isTimedOut();
            if (!retry) {
                complete();
                return;
            }
            retriesLeft--;
            exchange.setException(null);
            if (settings.connectRetryBackoffMs() > 0) {
                vertx.setTimer(settings.connectRetryBackoffMs(), id -> send());
            } else {
                vertx.runOnContext(v -> send());
            }
        }

        private void complete() {
            if (deadline >= 0) {
                vertx.cancelTimer(deadline);
            }
            releaseSlot();
            long elapsedNanos = System.nanoTime() - startedNanos;
            exchange.setProperty(ExchangeProperties.UPSTREAM_LATENCY_MS, TimeUnit.NANOSECONDS.toMillis(elapsedNanos));
            Exception failure = exchange.getException();
            if (failure == null) {
                int status = exchange.getMessage().getBody(UpstreamReply.class).status();
                exchange.setProperty(ExchangeProperties.UPSTREAM_STATUS, status);
                span.replied(status);
            } else if (failure instanceof UpstreamFailure upstream) {
                breaker.onError(elapsedNanos, TimeUnit.NANOSECONDS, upstream.getCause());
                CanonicalException canonical = upstream.canonical();
                exchange.setException(canonical);
                span.failed(canonical.error().cause());
            } else {
                // the adapter's own failure says nothing about the provider
                breaker.releasePermission();
                span.failed(failure);
            }
            span.end();
            end(null);
        }

        /**
         * Gives the slot to the next call: once the whole reply is in (the provider is done with this call, even
         * if the rest of the call waits a moment for the caller's event loop), or when the call ends otherwise.
         */
        private void releaseSlot() {
            synchronized (this) {
                if (!slotHeld) {
                    return;
                }
                slotHeld = false;
            }
            queue.release();
        }

        /** At the deadline: the request in flight is reset, or the next one never starts. */
        private void timeOut() {
            HttpAttempt current;
            synchronized (this) {
                timedOut = true;
                current = attempt;
            }
            if (current != null) {
                current.abort(new CallTimeout(settings.callTimeoutMs()));
            }
        }

        private synchronized boolean isTimedOut() {
            return timedOut;
        }

        /**
         * Completes the exchange: in Camel's process, by returning true; later, with the rest of the route run in the
         * callback, as a task of its own (never inside the HTTP client's reply handling): on the caller's event loop
         * when the call began on one (an HTTP request: its reply is written there, with no hop through a worker), else
         * on a Vert.x worker (a caller's own thread, such as a direct: caller's, is not Vert.x's to run tasks on).
         */
        private void end(CanonicalException refusal) {
            if (refusal != null) {
                exchange.setException(refusal);
            }
            boolean later;
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                later = !inProcess;
            }
            if (later && caller != null && caller.isEventLoopContext()) {
                caller.runOnContext(v -> callback.done(false));
            } else if (later) {
                vertx.executeBlocking(() -> {
                    callback.done(false);
                    return null;
                }, false);
            }
        }
    }
}
