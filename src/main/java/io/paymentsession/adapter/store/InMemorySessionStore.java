package io.paymentsession.adapter.store;

import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.SessionCreated;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The local session store in memory, one per instance: sessions in the MPGS shape, each with its own time to live.
 * Every answer is a completed stage: this is the hot local path, and nothing here waits.
 *
 * <p>A hash table holds the sessions, and a queue in creation order keeps the two bounds, oldest first: a count,
 * and the heap the sessions hold ({@link SessionSizes}), since one session may carry up to about 50 KB of tokens
 * and filters. A session past its time to live is not found; it still counts, and holds its memory, until it is
 * the oldest. Deliberately no cache library: under load the store turns over tens of thousands of sessions a
 * second, and each object and link per session is work for the garbage collector (Caffeine's expiry timer links,
 * measured: about 3 µs of the local path's 42 µs a request).
 */
public final class InMemorySessionStore implements SessionStore {

    private final int maxSessions;
    private final long maxBytes;
    private final LongSupplier nanoTime;
    private final NewSessions newSessions;
    private final ConcurrentHashMap<String, Held> sessions = new ConcurrentHashMap<>();
    /** The held sessions in creation order, at most maxSessions; some may have expired already. Guarded by itself. */
    private final ArrayDeque<Held> creationOrder = new ArrayDeque<>();
    /** The estimated bytes of the sessions in creationOrder, at most maxBytes. Guarded by creationOrder. */
    private long bytesHeld;

    /** A session held, with its estimated size and the nanoTime at which it expires. */
    private record Held(StoredSession stored, long bytes, long expiresAtNanos) {
    }

    public InMemorySessionStore(int maxSessions, long maxBytes) {
        this(maxSessions, maxBytes, System::nanoTime, Clock.systemUTC());
    }

    /** nanoTime drives expiry and the clock the reported expiresAt; tests pass fakes of both. */
    InMemorySessionStore(int maxSessions, long maxBytes, LongSupplier nanoTime, Clock clock) {
        if (maxSessions < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("maxSessions and maxBytes must be at least 1");
        }
        this.maxSessions = maxSessions;
        this.maxBytes = maxBytes;
        this.nanoTime = nanoTime;
        this.newSessions = new NewSessions(clock);
    }

    @Override
    public CompletionStage<SessionCreated> create(CreateSessionRequest request) {
        StoredSession stored;
        do {
            stored = newSessions.issue(request);
        } while (!keep(stored));
        return CompletableFuture.completedFuture(NewSessions.created(stored));
    }

    /**
     * Stores a session under its new id, then evicts the oldest to stay within both bounds; false when the
     * id is taken already (81 random bits: practically never). Its size is estimated, and the session stored,
     * outside the lock, which only keeps the order and the byte count.
     */
    private boolean keep(StoredSession stored) {
        Held held = new Held(stored, SessionSizes.of(stored), nanoTime.getAsLong() + stored.timeToLive().toNanos());
        if (sessions.putIfAbsent(stored.session().id(), held) != null) {
            return false;
        }
        synchronized (creationOrder) {
            creationOrder.addLast(held);
            bytesHeld += held.bytes();
            while (creationOrder.size() > 1 && (creationOrder.size() > maxSessions || bytesHeld > maxBytes)) {
                Held oldest = creationOrder.removeFirst();
                sessions.remove(oldest.stored().session().id(), oldest);
                bytesHeld -= oldest.bytes();
            }
            return true;
        }
    }

    /** The estimated heap the held sessions take, at most the byte bound. */
    long bytesHeld() {
        synchronized (creationOrder) {
            return bytesHeld;
        }
    }

    @Override
    public CompletionStage<Optional<StoredSession>> find(String id) {
        Held held = id == null ? null : sessions.get(id);
        boolean live = held != null && held.expiresAtNanos() - nanoTime.getAsLong() > 0;
        return CompletableFuture.completedFuture(live ? Optional.of(held.stored()) : Optional.empty());
    }
}
