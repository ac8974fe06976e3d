package io.paymentsession.adapter.provider.call;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.canonical.SessionCreated;
import io.paymentsession.adapter.canonical.Upstream;
import io.paymentsession.adapter.flow.ExchangeProperties;
import io.paymentsession.adapter.provider.Dialect;
import io.paymentsession.adapter.provider.UnmappedCodes;
import io.paymentsession.adapter.provider.ProviderSession;
import io.paymentsession.adapter.provider.UpstreamReply;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code <provider>-reply}: the provider's reply as the canonical {@link SessionCreated}, or its canonical error.
 * It also tells the circuit breaker (whose permission {@link ProviderCall} took) what the reply was: a session, or
 * an answer in the dialect that refuses (a 4xx, a business error), is the provider working; a 5xx or a reply
 * outside its dialect is its failure. In: the {@link UpstreamReply}.
 */
final class ProviderReply implements Processor {

    private final Dialect dialect;
    private final CircuitBreaker breaker;
    private final UnmappedCodes unmappedCodes;
    /** {@code upstream.sandbox}: true in sandbox mode, else absent. */
    private final Boolean sandbox;

    ProviderReply(Dialect dialect, CircuitBreaker breaker, UnmappedCodes unmappedCodes, boolean sandbox) {
        this.dialect = dialect;
        this.breaker = breaker;
        this.unmappedCodes = unmappedCodes;
        this.sandbox = sandbox ? Boolean.TRUE : null;
    }

    @Override
    public void process(Exchange exchange) {
        UpstreamReply reply = exchange.getMessage().getBody(UpstreamReply.class);
        CreateSessionRequest request = exchange.getProperty(ExchangeProperties.SESSION_REQUEST, CreateSessionRequest.class);
        long latencyMs = exchange.getProperty(ExchangeProperties.UPSTREAM_LATENCY_MS, Long.class);
        ProviderSession session;
        try {
            session = dialect.reply(request, reply);
        } catch (CanonicalException refusal) {
            unmappedCodes.observe(dialect, reply, refusal.error());
            if (reply.status() >= 500 || refusal.error().source() == ErrorSource.TRANSPORT) {
                breaker.onError(latencyMs, TimeUnit.MILLISECONDS, refusal);
            } else {
                breaker.onSuccess(latencyMs, TimeUnit.MILLISECONDS);
            }
            throw refusal;
        } catch (RuntimeException failure) {
            // the adapter's own failure says nothing about the provider
            breaker.releasePermission();
            throw failure;
        }
        breaker.onSuccess(latencyMs, TimeUnit.MILLISECONDS);
        exchange.getMessage().setBody(new SessionCreated(session.session(), session.client(), ignoredFields(dialect, request),
                new Upstream(reply.status(), latencyMs, session.timestamps(), sandbox)));
    }

    /** The optional fields the caller gave that the dialect cannot carry: not sent, and said so (the dry run too). */
    static List<String> ignoredFields(Dialect dialect, CreateSessionRequest request) {
        return request.givenOptionalFields().stream()
                .filter(field -> !dialect.carriedFields().contains(field))
                .toList();
    }
}
