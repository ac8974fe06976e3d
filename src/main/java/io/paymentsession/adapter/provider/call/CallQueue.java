package io.paymentsession.adapter.provider.call;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A provider's bulkhead with a waiting room. At most max-concurrent-calls are in flight (the resilience4j bulkhead
 * counts them, and its gauges are in /observe/metrics). Above that a call waits in a bounded FIFO queue, for at most
 * queue-wait-ms on a Vert.x timer, so no thread waits with it. A call that finds the queue full, or whose wait is
 * over, is refused. A freed slot goes straight to the longest waiter: a newcomer never overtakes it.
 */
final class CallQueue {

    private final Bulkhead bulkhead;
    private final int maxQueued;
    private final int queueWaitMs;
    private final Vertx vertx;
    private final Deque<Waiter> waiting = new ArrayDeque<>();

    CallQueue(Bulkhead bulkhead, int maxQueued, int queueWaitMs, Vertx vertx) {
        this.bulkhead = bulkhead;
        this.maxQueued = maxQueued;
        this.queueWaitMs = queueWaitMs;
        this.vertx = vertx;
    }

    /**
     * Runs {@code granted} with a slot (at once, or once one frees) or {@code refused} (at once, or once the wait
     * is over). A granted call must {@link #release()} its slot.
     */
    void enter(Runnable granted, Runnable refused) {
        boolean admitted;
        synchronized (this) {
            // while calls wait the bulkhead is full: a freed slot goes to a waiter, never back to the bulkhead
            admitted = waiting.isEmpty() && bulkhead.tryAcquirePermission();
            if (!admitted && queueWaitMs > 0 && waiting.size() < maxQueued) {
                Waiter waiter = new Waiter(granted, refused);
                waiting.addLast(waiter);
                waiter.timer = vertx.setTimer(queueWaitMs, id -> expire(waiter));
                return;
            }
        }
        (admitted ? granted : refused).run();
    }

    /** Frees a slot: the longest waiter gets it, on a Vert.x context (not inside the caller's own call). */
    void release() {
        Waiter next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                bulkhead.onComplete();
            }
        }
        if (next != null) {
            vertx.cancelTimer(next.timer);
            vertx.runOnContext(v -> next.granted.run());
        }
    }

    /** Calls waiting for a slot now. */
    synchronized int waiting() {
        return waiting.size();
    }

    private void expire(Waiter waiter) {
        boolean refused;
        synchronized (this) {
            refused = waiting.remove(waiter);
        }
        if (refused) {
            waiter.refused.run();
        }
    }

    private static final class Waiter {

        private final Runnable granted;
        private final Runnable refused;
        private long timer;

        Waiter(Runnable granted, Runnable refused) {
            this.granted = granted;
            this.refused = refused;
        }
    }
}
