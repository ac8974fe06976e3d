package io.paymentsession.adapter.api;

import io.paymentsession.adapter.canonical.CanonicalError;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.ErrorReply;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.canonical.Json;
import io.paymentsession.adapter.canonical.SessionCreated;
import io.paymentsession.adapter.canonical.SessionReply;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.provider.UpstreamFailures;
import io.paymentsession.adapter.store.StoredSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every reply the adapter gives, success or error, as canonical JSON with its HTTP status, and
 * the access log line that goes with it. Nothing else sets the reply's headers: the caller's own
 * headers are removed so none is echoed back.
 */
public final class CanonicalReplies {

    /** Exchange properties the create-session route fills in as it learns them. */
    public static final String REQUEST = "sessionRequest";
    public static final String ACCOUNT = "merchantAccount";

    private static final Logger LOG = LoggerFactory.getLogger(CanonicalReplies.class);

    /** Body: the {@link SessionCreated} a provider route returned. */
    public void created(Exchange exchange) {
        CreateSessionRequest request = exchange.getProperty(REQUEST, CreateSessionRequest.class);
        MerchantAccount account = exchange.getProperty(ACCOUNT, MerchantAccount.class);
        SessionCreated created = exchange.getMessage().getBody(SessionCreated.class);
        List<String> ignored = created.ignoredFields().isEmpty() ? null : created.ignoredFields();
        SessionReply reply = new SessionReply("SUCCESS", account.provider().id(), request.merchantId(),
                request.correlationId(), created.session(), request.lineOfBusiness(), created.client(), ignored,
                created.upstream(), null, null);
        write(exchange, 201, Json.write(reply), Map.of(), request.merchantId(), account.provider().id(),
                request.correlationId());
    }

    /** Body: the {@code Optional<StoredSession>} the store found for the requested id. */
    public void found(Exchange exchange) {
        StoredSession stored = ((Optional<?>) exchange.getMessage().getBody(Optional.class))
                .map(StoredSession.class::cast)
                .orElseThrow(() -> CanonicalException.invalidRequest("No session with this id: unknown or expired.")
                        .withHttpStatus(404));
        CreateSessionRequest request = stored.request();
        SessionReply reply = new SessionReply("SUCCESS", Provider.LOCAL.id(), request.merchantId(),
                request.correlationId(), stored.session(), request.lineOfBusiness(), null, null, null, request.tokens(),
                request.paymentProductFilters());
        write(exchange, 200, Json.write(reply), Map.of(), request.merchantId(), Provider.LOCAL.id(),
                request.correlationId());
    }

    /** Turns whatever was thrown into the canonical error reply. */
    public void error(Exchange exchange) {
        Throwable thrown = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        CanonicalException refusal = canonical(thrown);
        CreateSessionRequest request = exchange.getProperty(REQUEST, CreateSessionRequest.class);
        MerchantAccount account = exchange.getProperty(ACCOUNT, MerchantAccount.class);
        String merchantId = refusal.merchantId() != null ? refusal.merchantId() : request == null ? null : request.merchantId();
        String correlationId = refusal.correlationId() != null ? refusal.correlationId()
                : request == null ? null : request.correlationId();
        String provider = account == null ? null : account.provider().id();
        ErrorReply reply = ErrorReply.of(provider, merchantId, correlationId, refusal.error());
        write(exchange, refusal.httpStatus(), Json.write(reply), refusal.replyHeaders(), merchantId, provider, correlationId);
    }

    /** A refusal as thrown; an I/O failure of an upstream call as the network failure it is; else a bug of ours. */
    private static CanonicalException canonical(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof CanonicalException refusal) {
                return refusal;
            }
        }
        return UpstreamFailures.toCanonical(thrown).orElseGet(() -> {
            LOG.error("Unexpected failure while handling a request", thrown);
            return new CanonicalException(CanonicalError.of(Cause.SERVER_FAILED, ErrorSource.ADAPTER,
                    "The adapter failed unexpectedly; the failure is logged.")).withHttpStatus(500);
        });
    }

    private static void write(Exchange exchange, int status, String json, Map<String, String> headers,
                              String merchantId, String provider, String correlationId) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        headers.forEach(message::setHeader);
        message.setBody(json);
        String method = exchange.getProperty(HttpGate.METHOD, String.class);
        if (method != null) {
            AccessLog.write(method, exchange.getProperty(HttpGate.PATH, String.class), status,
                    exchange.getClock().elapsed(), merchantId, provider, correlationId);
        }
    }
}
