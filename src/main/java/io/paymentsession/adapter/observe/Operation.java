package io.paymentsession.adapter.observe;

import java.util.Locale;

/** What a request asked for: the {@code operation} tag of the metrics. */
public enum Operation {
    /** CreateSession: POST /api/v1/sessions, or any route calling direct:create-session. */
    CREATE,
    /** A create answered with the kept reply of its Idempotency-Key: nothing sent upstream, nothing created. */
    REPLAY,
    /** GET /api/v1/sessions/{id}. */
    READ,
    /** POST /api/v1/sessions/dry-run, or direct:create-session-dry-run: what a create would do, nothing created. */
    DRY_RUN,
    /** Refused by the HTTP server before any operation: an unknown path, an unreadable or oversized request. */
    NONE;

    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The outcome tag of a success: nothing is created by a read or a dry run. */
    public String successOutcome() {
        return switch (this) {
            case READ -> "FOUND";
            case DRY_RUN -> "DRY_RUN";
            default -> "CREATED";
        };
    }
}
