package io.paymentsession.adapter.idempotency;

import io.paymentsession.adapter.canonical.CanonicalError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request's claim on its key, kept on the exchange until its reply is written; the reply completes it, once:
 * a final one (a success, or an error that is not retryable) is kept for the ttl, a retryable error frees the key.
 */
public record HeldClaim(IdempotencyStore store, Claim claim, Duration ttl) {

    private static final Logger LOG = LoggerFactory.getLogger(HeldClaim.class);

    /** @param error null for a success */
    public void complete(int status, String retryAfter, String body, CanonicalError error) {
        boolean kept = error == null || !error.retryable();
        CompletionStage<Void> done = kept
                ? store.keep(claim, new KeptReply(status, retryAfter, body.getBytes(StandardCharsets.UTF_8),
                        error == null ? null : error.cause()), ttl)
                : store.release(claim);
        done.whenComplete((ignored, failure) -> {
            if (failure != null) {
                // the reply is sent all the same; the claim lapses after its lease
                LOG.warn("Could not {} the Idempotency-Key claim of merchant {}: {}", kept ? "keep the reply of" : "release",
                        claim.key().merchantId(), failure.toString());
            }
        });
    }
}
