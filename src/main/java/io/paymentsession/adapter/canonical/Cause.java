package io.paymentsession.adapter.canonical;

/** The canonical error causes. Each fixes its usual HTTP status, whether a retry may help, and the outcome. */
public enum Cause {
    INVALID_REQUEST(400, false, Outcome.NOT_CREATED),
    REQUEST_REJECTED(403, false, Outcome.NOT_CREATED),
    SERVER_BUSY(503, true, Outcome.NOT_CREATED),
    SERVER_FAILED(502, true, Outcome.UNKNOWN),
    UPSTREAM_TIMEOUT(504, true, Outcome.UNKNOWN),
    UPSTREAM_UNAVAILABLE(503, true, Outcome.NOT_CREATED),
    /** The same request is still being processed (the provider's own idempotence key): it may yet create a session. */
    REQUEST_IN_PROGRESS(409, true, Outcome.UNKNOWN);

    private final int httpStatus;
    private final boolean retryable;
    private final Outcome outcome;

    Cause(int httpStatus, boolean retryable, Outcome outcome) {
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.outcome = outcome;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public boolean retryable() {
        return retryable;
    }

    public Outcome outcome() {
        return outcome;
    }
}
