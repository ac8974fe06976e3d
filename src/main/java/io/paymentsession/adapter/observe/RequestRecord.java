package io.paymentsession.adapter.observe;

import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.Outcome;

/**
 * What happened to one request, for the access log and the metrics. Values not known (no HTTP request,
 * no provider chosen, no upstream call) are null.
 *
 * @param operation what was asked for
 * @param cause null for a success
 * @param errorOutcome the error's outcome; null for a success
 * @param sandbox a simulated provider served it (sandbox mode)
 */
public record RequestRecord(Operation operation, String method, String path, int status, long latencyMs, String merchantId,
                            String provider, String correlationId, Cause cause, Outcome errorOutcome, Integer upstreamStatus,
                            Long upstreamLatencyMs, boolean sandbox) {

    /**
     * The outcome tag of the metrics: an error's own outcome (NOT_CREATED, UNKNOWN), as in its reply; for a
     * success, the operation's: CREATED (a create), FOUND (a read) or DRY_RUN, which create nothing.
     */
    public String outcome() {
        if (errorOutcome != null) {
            return errorOutcome.name();
        }
        return operation.successOutcome();
    }
}
