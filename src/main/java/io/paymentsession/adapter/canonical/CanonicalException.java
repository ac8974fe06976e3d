package io.paymentsession.adapter.canonical;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries a canonical error to the one place that writes error replies, with the HTTP status and
 * headers (Allow, Retry-After) it is answered with. No stack trace: it is an expected outcome.
 */
public class CanonicalException extends RuntimeException {

    private final CanonicalError error;
    private final int httpStatus;
    private final Map<String, String> replyHeaders;
    private final String merchantId;
    private final String correlationId;

    private CanonicalException(CanonicalError error, int httpStatus, Map<String, String> replyHeaders,
                               String merchantId, String correlationId) {
        super(error.cause() + ": " + error.explanation(), null, false, false);
        this.error = error;
        this.httpStatus = httpStatus;
        this.replyHeaders = Map.copyOf(replyHeaders);
        this.merchantId = merchantId;
        this.correlationId = correlationId;
    }

    public CanonicalException(CanonicalError error) {
        this(error, error.cause().httpStatus(), Map.of(), null, null);
    }

    /** A refusal of the caller's request by the adapter itself. */
    public static CanonicalException invalidRequest(String explanation) {
        return new CanonicalException(CanonicalError.of(Cause.INVALID_REQUEST, ErrorSource.ADAPTER, explanation));
    }

    /** A refusal of one field of the caller's request by the adapter itself. */
    public static CanonicalException invalidField(String field, ValidationType type, String explanation) {
        return new CanonicalException(CanonicalError.of(Cause.INVALID_REQUEST, ErrorSource.ADAPTER, explanation)
                .withField(field, type));
    }

    /** The same error answered with another HTTP status (404, 405, 413, 415, 500). */
    public CanonicalException withHttpStatus(int status) {
        return new CanonicalException(error, status, replyHeaders, merchantId, correlationId);
    }

    public CanonicalException withReplyHeader(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(replyHeaders);
        headers.put(name, value);
        return new CanonicalException(error, httpStatus, headers, merchantId, correlationId);
    }

    /** The same error, echoing the identifiers read from the request before it was refused. */
    public CanonicalException withCaller(String merchantId, String correlationId) {
        return new CanonicalException(error, httpStatus, replyHeaders, merchantId, correlationId);
    }

    public CanonicalError error() {
        return error;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Map<String, String> replyHeaders() {
        return replyHeaders;
    }

    public String merchantId() {
        return merchantId;
    }

    public String correlationId() {
        return correlationId;
    }
}
