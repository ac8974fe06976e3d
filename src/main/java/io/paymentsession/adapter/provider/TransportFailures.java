package io.paymentsession.adapter.provider;

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
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * What a failed upstream call means for the caller. The line that matters is whether the request left:
 * before it did (refused, DNS, connect timeout, TLS handshake) no session can exist; after it did (no
 * reply in time, reset, cut off) one may.
 */
public final class TransportFailures {

    private TransportFailures() {
    }

    /** The canonical error for an I/O failure anywhere in the chain; empty when the failure is not I/O. */
    public static Optional<CanonicalException> toCanonical(Throwable thrown) {
        IOException io = null;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ConnectTimeoutException || t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SSLHandshakeException) {
                return Optional.of(failure(Cause.UPSTREAM_UNAVAILABLE,
                        "The request could not be sent to the provider (" + t.getClass().getSimpleName() + ")."));
            }
            if (t instanceof SocketTimeoutException) {
                return Optional.of(failure(Cause.UPSTREAM_TIMEOUT,
                        "The provider did not reply within the response timeout."));
            }
            if (io == null && t instanceof IOException e) {
                io = e;
            }
        }
        if (io == null) {
            return Optional.empty();
        }
        return Optional.of(failure(Cause.SERVER_FAILED,
                "The provider's reply was lost after the request was sent (" + io.getClass().getSimpleName() + ")."));
    }

    private static CanonicalException failure(Cause cause, String explanation) {
        return new CanonicalException(CanonicalError.of(cause, ErrorSource.TRANSPORT, explanation));
    }
}
