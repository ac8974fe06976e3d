package io.paymentsession.adapter.idempotency;

/**
 * One request's hold on a key. The token tells this hold from a later one on the same key (after the lease lapsed),
 * so a request that outlived its lease can neither keep its reply over the new holder's nor release its hold.
 */
public record Claim(IdempotencyKey key, String fingerprint, String token) {
}
