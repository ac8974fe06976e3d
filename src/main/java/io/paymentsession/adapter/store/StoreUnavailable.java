package io.paymentsession.adapter.store;

import io.paymentsession.adapter.canonical.CanonicalError;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.ErrorSource;

/**
 * The refusal of a request the shared store cannot serve: 503 {@code UPSTREAM_UNAVAILABLE}, source ADAPTER, nothing
 * created or sent. Its text is fixed: a store's own failure text may hold its address, never shown to a caller.
 */
public final class StoreUnavailable {

    private StoreUnavailable() {
    }

    public static CanonicalException error() {
        return new CanonicalException(CanonicalError.of(Cause.UPSTREAM_UNAVAILABLE, ErrorSource.ADAPTER,
                "The adapter's session store is unreachable; nothing was created. Send the request again."))
                .withReplyHeader("Retry-After", "1");
    }
}
