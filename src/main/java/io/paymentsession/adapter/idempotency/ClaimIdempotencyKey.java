package io.paymentsession.adapter.idempotency;

import io.paymentsession.adapter.canonical.CanonicalError;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.paymentsession.adapter.canonical.ValidationType;
import io.paymentsession.adapter.canonical.VisibleAscii;
import io.paymentsession.adapter.flow.ExchangeProperties;
import io.paymentsession.adapter.flow.StageSteps;
import io.paymentsession.adapter.merchant.MerchantAccount;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * {@code claim-idempotency-key} (routes/create-session.camel.yaml), once the request is valid and its merchant known.
 * Without an {@code Idempotency-Key} header it does nothing. With one, it claims (merchantId, key) for the request's
 * fingerprint in one atomic step of the store, and never waits on a thread for it:
 * <ul>
 *   <li>claimed: the request goes on; its reply completes the claim ({@link HeldClaim}, from CanonicalReplies);</li>
 *   <li>the same request's reply is kept: {@link IdempotentReplay}, which the error handler answers with that reply;</li>
 *   <li>the same request still in flight: 409 {@code REQUEST_IN_PROGRESS}, source ADAPTER, {@code Retry-After};</li>
 *   <li>another request under the key: 422 {@code INVALID_REQUEST} on field {@code Idempotency-Key}.</li>
 * </ul>
 */
public final class ClaimIdempotencyKey extends AsyncProcessorSupport {

    /** The request header (HTTP), and the Camel header of the same name on direct:create-session. */
    public static final String HEADER = "Idempotency-Key";
    /** How long a caller that meets a request in flight waits before it asks again. */
    static final String IN_PROGRESS_RETRY_AFTER_SECONDS = "1";
    private static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyStore store;
    private final Duration ttl;
    /** The lease of a claim, by provider id ("local" included). */
    private final Map<String, Duration> leases;

    public ClaimIdempotencyKey(IdempotencyStore store, Duration ttl, Map<String, Duration> leases) {
        this.store = store;
        this.ttl = ttl;
        this.leases = Map.copyOf(leases);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Object header = exchange.getMessage().getHeader(HEADER);
        if (header == null) {
            callback.done(true);
            return true;
        }
        return StageSteps.process(exchange, callback, () -> {
            CreateSessionRequest request = exchange.getProperty(ExchangeProperties.SESSION_REQUEST, CreateSessionRequest.class);
            MerchantAccount account = exchange.getProperty(ExchangeProperties.MERCHANT_ACCOUNT, MerchantAccount.class);
            IdempotencyKey key = new IdempotencyKey(request.merchantId(), validKey(header));
            return store.claim(key, RequestFingerprint.of(request), leases.get(account.provider().id()));
        }, this::settle);
    }

    private void settle(Exchange exchange, ClaimResult result) {
        if (result instanceof ClaimResult.Claimed claim) {
            exchange.setProperty(ExchangeProperties.IDEMPOTENCY_CLAIM, new HeldClaim(store, claim.claim(), ttl));
        } else if (result instanceof ClaimResult.Replay replay) {
            exchange.setException(new IdempotentReplay(replay.reply()));
        } else if (result instanceof ClaimResult.InProgress) {
            exchange.setException(new CanonicalException(CanonicalError.of(Cause.REQUEST_IN_PROGRESS, ErrorSource.ADAPTER,
                    "A request with this Idempotency-Key is still being processed; retry after Retry-After seconds."))
                    .withReplyHeader("Retry-After", IN_PROGRESS_RETRY_AFTER_SECONDS));
        } else {
            exchange.setException(CanonicalException.invalidField(HEADER, ValidationType.INVALID,
                    "This Idempotency-Key was used with another request; use a new key for a new request.").withHttpStatus(422));
        }
    }

    /** 1 to 255 visible ASCII characters ({@code !} to {@code ~}), given once. */
    static String validKey(Object header) {
        if (header instanceof String key && VisibleAscii.within(key, MAX_KEY_LENGTH)) {
            return key;
        }
        throw CanonicalException.invalidField(HEADER, ValidationType.INVALID,
                "Idempotency-Key must be given once, as 1 to 255 visible ASCII characters ('!' to '~').");
    }
}
