package io.paymentsession.adapter.provider.call;

import io.paymentsession.adapter.canonical.CanonicalError;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.ErrorSource;
import io.vertx.core.http.StreamResetException;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP exchange with a provider failed: refused, DNS, connect or TLS failure, no reply in time, reset, cut off.
 * What it means for the caller depends on one thing, whether the request had left ({@link HttpAttempt} knows):
 * before, no session can exist and a retry is safe; after, one may.
 */
final class UpstreamFailure extends RuntimeException {

    private final boolean left;

    UpstreamFailure(Throwable cause, boolean left) {
        super(cause.getMessage(), cause, false, false);
        this.left = left;
    }

    /** True once the request was handed to the connection: from then on a session may exist upstream. */
    boolean left() {
        return left;
    }

    /** The caller's canonical error, source TRANSPORT. */
    CanonicalException canonical() {
        if (!left) {
            return failure(Cause.UPSTREAM_UNAVAILABLE,
                    "The request could not be sent to the provider (" + name(getCause()) + ").");
        }
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof ReplyTooLarge tooLarge) {
                return failure(Cause.SERVER_FAILED, tooLarge.getMessage());
            }
            if (t instanceof TimeoutException) {
                return failure(Cause.UPSTREAM_TIMEOUT, "The provider did not reply within the timeout.");
            }
        }
        return failure(Cause.SERVER_FAILED,
                "The provider's reply was lost after the request was sent (" + name(getCause()) + ").");
    }

    private static CanonicalException failure(Cause cause, String explanation) {
        return new CanonicalException(CanonicalError.of(cause, ErrorSource.TRANSPORT, explanation));
    }

    /** The failure's own name: a reset of the request is named after its reason. */
    private static String name(Throwable failure) {
        Throwable named = failure instanceof StreamResetException && failure.getCause() != null ? failure.getCause() : failure;
        return named.getClass().getSimpleName();
    }

    /** The call passed call-timeout-ms (connect to last byte); its request is reset. */
    static final class CallTimeout extends TimeoutException {

        CallTimeout(int callTimeoutMs) {
            super("The call took longer than call-timeout-ms (" + callTimeoutMs + " ms).");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** The reply passed max-reply-bytes; its request is reset, so the rest is never read. */
    static final class ReplyTooLarge extends Exception {

        ReplyTooLarge(int maxReplyBytes) {
            super("The provider's reply is larger than " + maxReplyBytes + " bytes; it was cut off.", null, false, false);
        }
    }
}
