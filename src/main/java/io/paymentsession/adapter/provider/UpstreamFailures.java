package io.paymentsession.adapter.provider;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.paymentsession.adapter.canonical.CanonicalError;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.ErrorSource;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * What a failed upstream call means for the caller. The line that matters is whether the request left:
 * before it did (refused, DNS, connect timeout, TLS handshake or host name check, circuit open, bulkhead
 * full) no session can exist; after it did (no reply in time, reset, cut off) one may.
 */
public final class UpstreamFailures {

    private UpstreamFailures() {
    }

    /** True when the failure happened before a byte of the request was sent: only then is a retry safe. */
    public static boolean neverLeft(Throwable failure) {
        return failure instanceof ConnectTimeoutException || failure instanceof ConnectException
                || failure instanceof UnknownHostException || failure instanceof NoRouteToHostException
                || failure instanceof SSLHandshakeException || failure instanceof SSLPeerUnverifiedException;
    }

    /** The canonical error for a failure of the upstream call anywhere in the chain; empty for anything else. */
    public static Optional<CanonicalException> toCanonical(Throwable thrown) {
        IOException io = null;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof CallNotPermittedException) {
                return Optional.of(failure(Cause.UPSTREAM_UNAVAILABLE, ErrorSource.ADAPTER,
                        "The provider's circuit breaker is open after repeated failures; nothing was sent."));
            }
            if (t instanceof BulkheadFullException) {
                return Optional.of(failure(Cause.SERVER_BUSY, ErrorSource.ADAPTER,
                        "Too many calls to this provider are in progress; nothing was sent.")
                        .withReplyHeader("Retry-After", "1"));
            }
            if (neverLeft(t)) {
                return Optional.of(failure(Cause.UPSTREAM_UNAVAILABLE, ErrorSource.TRANSPORT,
                        "The request could not be sent to the provider (" + t.getClass().getSimpleName() + ")."));
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return Optional.of(failure(Cause.UPSTREAM_TIMEOUT, ErrorSource.TRANSPORT,
                        "The provider did not reply within the timeout."));
            }
            if (io == null && t instanceof IOException e) {
                io = e;
            }
        }
        if (io == null) {
            return Optional.empty();
        }
        return Optional.of(failure(Cause.SERVER_FAILED, ErrorSource.TRANSPORT,
                "The provider's reply was lost after the request was sent (" + io.getClass().getSimpleName() + ")."));
    }

    private static CanonicalException failure(Cause cause, ErrorSource source, String explanation) {
        return new CanonicalException(CanonicalError.of(cause, source, explanation));
    }
}
