package io.paymentsession.adapter.idempotency;

import io.paymentsession.adapter.canonical.Cause;

/**
 * A final reply as it was written: status, {@code Retry-After} (null when none) and the body's bytes, replayed byte
 * for byte. The cause (null for a success) only labels the replay in the metrics.
 */
public record KeptReply(int status, String retryAfter, byte[] body, Cause cause) {
}
