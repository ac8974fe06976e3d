package io.paymentsession.adapter.observe.tracing;

import io.paymentsession.adapter.canonical.Cause;
import java.util.function.BiConsumer;

/**
 * The span of one provider call (a CLIENT span, child of its request's span), from the moment the call may go out to
 * its reply or failure. {@link #NONE} when tracing is off: every method does nothing.
 */
public interface ProviderSpan {

    ProviderSpan NONE = new ProviderSpan() {
    };

    /** Writes the W3C {@code traceparent} (and {@code tracestate}) of this span, for the provider's request. */
    default void inject(BiConsumer<String, String> header) {
    }

    /** The provider answered with this HTTP status (in its dialect or not). */
    default void replied(int status) {
    }

    /** No reply: could not connect, timed out, reset, cut short; as its canonical cause. */
    default void failed(Cause cause) {
    }

    /** The adapter's own failure during the call. */
    default void failed(Throwable failure) {
    }

    default void end() {
    }
}
