package io.paymentsession.adapter.lifecycle;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stop sequence's state, shared by the signal handler, the API's first HTTP handler and the readiness
 * check. Once draining, the API refuses new requests (retryable) while the ones already accepted finish;
 * then Camel stops.
 */
public final class Drain {

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idle = new Object();

    /** @return false if the drain had already begun */
    public boolean begin() {
        return draining.compareAndSet(false, true);
    }

    public boolean draining() {
        return draining.get();
    }

    /** A request entered the API; {@link #requestEnded()} must follow once its reply ended or its connection closed. */
    public void requestStarted() {
        inFlight.incrementAndGet();
    }

    public void requestEnded() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Waits until no API request is in flight, at most {@code max}. @return true if none is left */
    public boolean awaitIdle(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (idle) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }
}
