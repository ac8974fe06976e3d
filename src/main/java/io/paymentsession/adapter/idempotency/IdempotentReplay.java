package io.paymentsession.adapter.idempotency;

/**
 * Ends a request whose reply is kept: thrown by the claim step so that no provider route and no reply step runs,
 * caught where every error is (routes/errors.camel.yaml), which writes the kept reply instead of an error. No stack
 * trace: it is an expected outcome.
 */
public final class IdempotentReplay extends RuntimeException {

    private final transient KeptReply reply;

    public IdempotentReplay(KeptReply reply) {
        super("the kept reply of this Idempotency-Key", null, false, false);
        this.reply = reply;
    }

    public KeptReply reply() {
        return reply;
    }
}
