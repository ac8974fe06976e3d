package io.paymentsession.adapter.api;

import io.paymentsession.adapter.canonical.CanonicalError;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.DryRunReply;
import io.paymentsession.adapter.canonical.ErrorReply;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.canonical.Json;
import io.paymentsession.adapter.canonical.Outcome;
import io.paymentsession.adapter.canonical.SessionCreated;
import io.paymentsession.adapter.canonical.SessionReply;
import io.paymentsession.adapter.idempotency.HeldClaim;
import io.paymentsession.adapter.idempotency.KeptReply;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.observe.AccessLog;
import io.paymentsession.adapter.observe.AdapterMetrics;
import io.paymentsession.adapter.observe.Operation;
import io.paymentsession.adapter.observe.RequestIds;
import io.paymentsession.adapter.observe.RequestRecord;
import io.paymentsession.adapter.flow.ExchangeProperties;
import io.paymentsession.adapter.store.StoredSession;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every reply the adapter gives, success or error, as canonical JSON with its HTTP status, with
 * the access log line and the metrics that go with it. Nothing else sets the reply's headers: the caller's own
 * headers are removed so none is echoed back, but for the request's id ({@code X-Request-Id}), which every reply carries.
 */
public final class CanonicalReplies {

    /** Marks a replayed reply (contract section 4). */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final String RETRY_AFTER = "Retry-After";
    private static final Logger LOG = LoggerFactory.getLogger(CanonicalReplies.class);

    private final AdapterMetrics metrics;
    private final boolean sandboxMode;

    /** @param sandboxMode sandbox mode: what a simulated provider served is marked in the reply, the log and the metrics */
    public CanonicalReplies(AdapterMetrics metrics, boolean sandboxMode) {
        this.metrics = metrics;
        this.sandboxMode = sandboxMode;
    }

    /** Body: the {@link SessionCreated} a provider route returned. */
    public void created(Exchange exchange) {
        CreateSessionRequest request = exchange.getProperty(ExchangeProperties.SESSION_REQUEST, CreateSessionRequest.class);
        MerchantAccount account = exchange.getProperty(ExchangeProperties.MERCHANT_ACCOUNT, MerchantAccount.class);
        SessionCreated created = exchange.getMessage().getBody(SessionCreated.class);
        List<String> ignored = created.ignoredFields().isEmpty() ? null : created.ignoredFields();
        SessionReply reply = new SessionReply("SUCCESS", account.provider().id(), request.merchantId(),
                request.correlationId(), created.session(), request.lineOfBusiness(), created.client(), ignored,
                created.upstream(), null, null);
        write(exchange, 201, Json.write(reply), Map.of(), request.merchantId(), account.provider().id(),
                request.correlationId(), null);
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
                request.correlationId(), null);
    }

    /** Body: the {@link DryRunReply} of the dry-run request step; 200, nothing was created. */
    public void dryRun(Exchange exchange) {
        DryRunReply reply = exchange.getMessage().getBody(DryRunReply.class);
        write(exchange, 200, Json.write(reply), Map.of(), reply.merchantId(), reply.provider(), reply.correlationId(), null);
    }

    /**
     * The OpenAPI document (api/OpenApiDocument): 200, access-logged as every HTTP request is; not counted in the
     * request metrics, which count canonical replies.
     */
    public void document(Exchange exchange, String json) {
        setReply(exchange, 200, json, Map.of());
        AccessLog.write(new RequestRecord(Operation.NONE, exchange.getProperty(ExchangeProperties.ACCESS_METHOD, String.class),
                exchange.getProperty(ExchangeProperties.ACCESS_PATH, String.class), 200, exchange.getClock().elapsed(),
                null, null, null, null, null, null, null, false), RequestIds.of(exchange));
    }

    /** Turns whatever was thrown into the canonical error reply. */
    public void error(Exchange exchange) {
        Throwable thrown = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        CanonicalException refusal = canonical(thrown);
        CreateSessionRequest request = exchange.getProperty(ExchangeProperties.SESSION_REQUEST, CreateSessionRequest.class);
        MerchantAccount account = exchange.getProperty(ExchangeProperties.MERCHANT_ACCOUNT, MerchantAccount.class);
        String merchantId = refusal.merchantId() != null ? refusal.merchantId() : request == null ? null : request.merchantId();
        String correlationId = refusal.correlationId() != null ? refusal.correlationId()
                : request == null ? null : request.correlationId();
        String provider = account == null ? null : account.provider().id();
        ErrorReply reply = ErrorReply.of(provider, merchantId, correlationId, refusal.error());
        if (simulated(provider)) {
            reply = reply.markedSandbox();
        }
        write(exchange, refusal.httpStatus(), Json.write(reply), refusal.replyHeaders(), merchantId, provider, correlationId,
                refusal.error());
    }

    /** A refusal as thrown (a provider call throws its failures as refusals too); else a bug of ours. */
    private static CanonicalException canonical(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof CanonicalException refusal) {
                return refusal;
            }
        }
        LOG.error("Unexpected failure while handling a request", thrown);
        return new CanonicalException(CanonicalError.of(Cause.SERVER_FAILED, ErrorSource.ADAPTER,
                "The adapter failed unexpectedly; the failure is logged.")).withHttpStatus(500);
    }

    /**
     * A create's kept reply, as an earlier request with the same Idempotency-Key got it: status, Retry-After and body
     * byte for byte, marked {@code Idempotent-Replayed: true}. Nothing was sent upstream and nothing created.
     */
    public void replay(Exchange exchange, KeptReply kept) {
        CreateSessionRequest request = exchange.getProperty(ExchangeProperties.SESSION_REQUEST, CreateSessionRequest.class);
        MerchantAccount account = exchange.getProperty(ExchangeProperties.MERCHANT_ACCOUNT, MerchantAccount.class);
        Map<String, String> headers = new LinkedHashMap<>();
        if (kept.retryAfter() != null) {
            headers.put(RETRY_AFTER, kept.retryAfter());
        }
        headers.put(REPLAYED_HEADER, "true");
        setReply(exchange, kept.status(), new String(kept.body(), StandardCharsets.UTF_8), headers);
        record(exchange, Operation.REPLAY, kept.status(), request.merchantId(), account.provider().id(),
                request.correlationId(), kept.cause(), kept.cause() == null ? null : kept.cause().outcome(), false);
    }

    /**
     * The one place a reply is written; it also completes the request's Idempotency-Key claim, if it holds one, logs
     * the access line (HTTP requests) and counts it.
     */
    private void write(Exchange exchange, int status, String json, Map<String, String> headers, String merchantId,
                       String provider, String correlationId, CanonicalError error) {
        setReply(exchange, status, json, headers);
        HeldClaim claim = exchange.getProperty(ExchangeProperties.IDEMPOTENCY_CLAIM, HeldClaim.class);
        if (claim != null) {
            exchange.removeProperty(ExchangeProperties.IDEMPOTENCY_CLAIM);
            try {
                claim.complete(status, headers.get(RETRY_AFTER), json, error);
            } catch (RuntimeException e) {
                // the reply stands; an unfinished claim lapses after its lease
                LOG.error("Could not complete an Idempotency-Key claim", e);
            }
        }
        // source ADAPTER: refused before any upstream call (an open breaker, a full bulkhead), so none is reported
        boolean upstreamCalled = error == null || error.source() != ErrorSource.ADAPTER;
        Operation operation = exchange.getProperty(ExchangeProperties.ACCESS_OPERATION, Operation.CREATE, Operation.class);
        record(exchange, operation, status, merchantId, provider, correlationId, error == null ? null : error.cause(),
                error == null ? null : error.outcome(), upstreamCalled);
    }

    private static void setReply(Exchange exchange, int status, String json, Map<String, String> headers) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        String requestId = RequestIds.of(exchange);
        if (requestId != null) {
            message.setHeader(RequestIds.HEADER, requestId);
        }
        headers.forEach(message::setHeader);
        message.setBody(json);
    }

    /** Whether a simulated provider serves this provider's requests: sandbox mode, and not the local store. */
    private boolean simulated(String provider) {
        return sandboxMode && provider != null && !Provider.LOCAL.id().equals(provider);
    }

    private void record(Exchange exchange, Operation operation, int status, String merchantId, String provider,
                        String correlationId, Cause cause, Outcome outcome, boolean upstreamCalled) {
        try {
            String method = exchange.getProperty(ExchangeProperties.ACCESS_METHOD, String.class);
            RequestRecord record = new RequestRecord(operation, method, exchange.getProperty(ExchangeProperties.ACCESS_PATH, String.class),
                    status, exchange.getClock().elapsed(), merchantId, provider, correlationId, cause, outcome,
                    upstreamStatus(exchange), upstreamCalled ? upstreamLatencyMs(exchange) : null, simulated(provider));
            if (method != null) {
                AccessLog.write(record, RequestIds.of(exchange));
            }
            metrics.record(record);
        } catch (RuntimeException e) {
            // the reply is written; a fault in logging or metrics must not turn it into a failure
            LOG.error("Could not log or count a reply", e);
        }
    }

    /** The provider's HTTP status; null when no reply came (or no provider was called). */
    private static Integer upstreamStatus(Exchange exchange) {
        return exchange.getProperty(ExchangeProperties.UPSTREAM_STATUS, Integer.class);
    }

    /** The provider call's latency, until its reply or its failure; null when no provider was called. */
    private static Long upstreamLatencyMs(Exchange exchange) {
        return exchange.getProperty(ExchangeProperties.UPSTREAM_LATENCY_MS, Long.class);
    }
}
