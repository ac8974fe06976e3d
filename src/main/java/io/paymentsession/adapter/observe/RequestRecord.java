package io.paymentsession.adapter.observe;

import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.Outcome;

/**
 * What happened to one request, for the access log and the metrics. Values not known (no HTTP request,
 * no provider chosen, no upstream call) are null.
 *
 * @param cause null for a success
 * @param errorOutcome the error's outcome; null for a success
 */
public record RequestRecord(String method, String path, int status, long latencyMs, String merchantId, String provider,
                            String correlationId, Cause cause, Outcome errorOutcome, Integer upstreamStatus,
                            Long upstreamLatencyMs) {

    /** CREATED, NOT_CREATED or UNKNOWN: the outcome tag of the metrics. */
    public String outcome() {
        return errorOutcome == null ? "CREATED" : errorOutcome.name();
    }
}
