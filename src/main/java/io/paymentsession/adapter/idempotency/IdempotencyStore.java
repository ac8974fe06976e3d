package io.paymentsession.adapter.idempotency;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Where {@code Idempotency-Key} claims and kept replies live: in memory ({@link InMemoryIdempotencyStore}), or a
 * store several replicas share. Every method answers asynchronously, so a networked store never blocks an event
 * loop; a store that cannot answer fails the stage.
 */
public interface IdempotencyStore {

    /**
     * One atomic step (a networked store: {@code SET key value NX PX lease}): holds the key for this fingerprint
     * for {@code lease}, unless a hold or a kept reply is there already, which it reports instead.
     */
    CompletionStage<ClaimResult> claim(IdempotencyKey key, String fingerprint, Duration lease);

    /** Replaces the claim, if it is still held, with the final reply, kept for {@code ttl}; else does nothing. */
    CompletionStage<Void> keep(Claim claim, KeptReply reply, Duration ttl);

    /** Frees the key, if the claim is still held, so the request may be sent again and processed anew. */
    CompletionStage<Void> release(Claim claim);
}
