package io.paymentsession.adapter.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.paymentsession.adapter.canonical.CanonicalError;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.ErrorSource;
import org.junit.jupiter.api.function.Executable;

/** Asserting the canonical error a mapper throws. */
public final class CanonicalAssertions {

    private CanonicalAssertions() {
    }

    public static CanonicalException assertRefused(Cause cause, ErrorSource source, int httpStatus, Executable mapping) {
        CanonicalException refused = assertThrows(CanonicalException.class, mapping);
        CanonicalError error = refused.error();
        assertEquals(cause, error.cause(), error.explanation());
        assertEquals(source, error.source(), error.explanation());
        assertEquals(httpStatus, refused.httpStatus());
        assertEquals(cause.outcome(), error.outcome());
        assertEquals(cause.retryable(), error.retryable());
        return refused;
    }
}
