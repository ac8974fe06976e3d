package io.paymentsession.adapter.idempotency;

/** What claiming a key found. */
public sealed interface ClaimResult {

    /** The key was free (or its last hold lapsed): this request holds it now and processes as usual. */
    record Claimed(Claim claim) implements ClaimResult {
    }

    /** The same request's final reply is kept: it is replayed. */
    record Replay(KeptReply reply) implements ClaimResult {
    }

    /** The same request holds the key and has not finished. */
    record InProgress() implements ClaimResult {
    }

    /** Another request (another fingerprint) holds the key or has its reply kept under it. */
    record OtherRequest() implements ClaimResult {
    }

    ClaimResult IN_PROGRESS = new InProgress();
    ClaimResult OTHER_REQUEST = new OtherRequest();
}
