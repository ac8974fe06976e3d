package io.paymentsession.adapter.provider;

import io.paymentsession.adapter.canonical.CanonicalError;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.canonical.SessionCreated;
import io.paymentsession.adapter.canonical.Upstream;
import io.paymentsession.adapter.flow.ExchangeProperties;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.MerchantDirectory;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.merchant.ProviderSettings;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The steps around a provider's camel-http call, the same for every dialect: build the outbound
 * message from nothing but the dialect's request (no inbound header survives), read the reply within
 * its size limit, and map it back into a canonical {@link SessionCreated}.
 */
public final class ProviderCall {

    private static final String STARTED_NANOS = ExchangeProperties.UPSTREAM_STARTED_NANOS;
    private static final String SENT_AT = ExchangeProperties.UPSTREAM_SENT_AT;
    private static final String UPSTREAM_STATUS = ExchangeProperties.UPSTREAM_STATUS;
    private static final String UPSTREAM_LATENCY_MS = ExchangeProperties.UPSTREAM_LATENCY_MS;

    private final Provider provider;
    private final Dialect dialect;
    private final MerchantDirectory directory;

    public ProviderCall(Provider provider, Dialect dialect, MerchantDirectory directory) {
        this.provider = provider;
        this.dialect = dialect;
        this.directory = directory;
    }

    public void request(Exchange exchange) {
        CreateSessionRequest request = exchange.getProperty(ExchangeProperties.SESSION_REQUEST, CreateSessionRequest.class);
        MerchantAccount account = exchange.getProperty(ExchangeProperties.MERCHANT_ACCOUNT, MerchantAccount.class);
        ProviderSettings settings = directory.settings(provider);
        OutboundRequest outbound = dialect.request(request, account, settings);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, outbound.method());
        message.setHeader(Exchange.HTTP_URI, outbound.uri());
        outbound.headers().forEach(message::setHeader);
        message.setBody(outbound.body());
        // milliseconds, as every time the adapter reports; rounding down keeps expiresAt on the safe side
        exchange.setProperty(SENT_AT, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        exchange.setProperty(STARTED_NANOS, System.nanoTime());
    }

    /**
     * Inside the breaker, right after the call: the reply body, at most {@code max-reply-bytes}, into memory.
     * A larger reply is cut off there, never buffered whole.
     */
    public void readReply(Exchange exchange) throws IOException {
        int limit = directory.settings(provider).maxReplyBytes();
        InputStream body = exchange.getMessage().getBody(InputStream.class);
        byte[] bytes = body == null ? new byte[0] : body.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new CanonicalException(CanonicalError.of(Cause.SERVER_FAILED, ErrorSource.TRANSPORT,
                    "The provider's reply is larger than " + limit + " bytes; it was cut off."));
        }
        exchange.getMessage().setBody(bytes);
    }

    public SessionCreated reply(Exchange exchange) {
        long latencyMs = (System.nanoTime() - exchange.getProperty(STARTED_NANOS, Long.class)) / 1_000_000;
        Message message = exchange.getMessage();
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        exchange.setProperty(UPSTREAM_LATENCY_MS, latencyMs);
        exchange.setProperty(UPSTREAM_STATUS, status);
        UpstreamReply reply = new UpstreamReply(
                status == null ? 0 : status,
                message.getHeader(Exchange.CONTENT_TYPE, String.class),
                message.getHeader("Retry-After", String.class),
                message.getBody(byte[].class),
                exchange.getProperty(SENT_AT, Instant.class));
        CreateSessionRequest request = exchange.getProperty(ExchangeProperties.SESSION_REQUEST, CreateSessionRequest.class);
        ProviderSession session = dialect.reply(request, reply);
        List<String> ignored = request.givenOptionalFields().stream()
                .filter(field -> !dialect.carriedFields().contains(field))
                .toList();
        return new SessionCreated(session.session(), session.client(), ignored,
                new Upstream(reply.status(), latencyMs, session.timestamps()));
    }
}
