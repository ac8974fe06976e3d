package io.paymentsession.adapter.observe;

import io.paymentsession.adapter.canonical.Cause;

/**
 * What happened to one request, for the access log and the metrics. Values not known (no HTTP request,
 * no provider chosen, no upstream call) are null.
 *
 * @param cause null for a success
 * @param created true when a session was created, false when none was, null when that is unknown
 */
public record RequestRecord(String method, String path, int status, long latencyMs, String merchantId, String provider,
                            String correlationId, Cause cause, Boolean created, Integer upstreamStatus,
                            Long upstreamLatencyMs) {

    /** CREATED, NOT_CREATED or UNKNOWN: the outcome tag of the metrics. */
    public String outcome() {
        return created == null ? "UNKNOWN" : created ? "CREATED" : "NOT_CREATED";
    }
}
