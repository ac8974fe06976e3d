package io.paymentsession.adapter.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.SessionCreated;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The local session store in memory, one per instance: sessions in the MPGS shape, each with its own time to live.
 * Every answer is a completed stage: this is the hot local path, and nothing here waits.
 *
 * <p>Caffeine holds the sessions and expires them. The bounds are kept here, oldest first, because
 * Caffeine's own size eviction (W-TinyLFU) may refuse a just-created entry, and a session we just
 * handed to a caller must stay readable until it expires or is the oldest one left. There are two: a
 * count, and the heap the sessions hold ({@link SessionSizes}), since one session may carry up to
 * about 50 KB of tokens and filters. A session that expired still counts until it is the oldest.
 */
public final class InMemorySessionStore implements SessionStore {

    private final int maxSessions;
    private final long maxBytes;
    private final NewSessions newSessions;
    private final Cache<String, StoredSession> sessions;
    /** Sessions in creation order, at most maxSessions; some may have expired already. Guarded by itself. */
    private final ArrayDeque<Held> creationOrder = new ArrayDeque<>();
    /** The estimated bytes of the sessions in creationOrder, at most maxBytes. Guarded by creationOrder. */
    private long bytesHeld;

    /** A session's place in the creation order, with its estimated size. */
    private record Held(String id, long bytes) {
    }

    public InMemorySessionStore(int maxSessions, long maxBytes) {
        this(maxSessions, maxBytes, Ticker.systemTicker(), Clock.systemUTC());
    }

    /** The ticker drives expiry and the clock the reported expiresAt; tests pass fakes of both. */
    InMemorySessionStore(int maxSessions, long maxBytes, Ticker ticker, Clock clock) {
        if (maxSessions < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("maxSessions and maxBytes must be at least 1");
        }
        this.maxSessions = maxSessions;
        this.maxBytes = maxBytes;
        this.newSessions = new NewSessions(clock);
        this.sessions = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfter(Expiry.<String, StoredSession>creating((id, stored) -> stored.timeToLive()))
                // its upkeep (expiry, buffered writes) runs in the storing thread, a few steps at a time, rather
                // than waking a thread of the common pool for every session stored
                .executor(Runnable::run)
                .build();
    }

    @Override
    public CompletionStage<SessionCreated> create(CreateSessionRequest request) {
        StoredSession stored;
        do {
            stored = newSessions.issue(request);
        } while (!keep(stored, SessionSizes.of(stored)));
        return CompletableFuture.completedFuture(NewSessions.created(stored));
    }

    /**
     * Stores a session under its new id, then evicts the oldest to stay within both bounds; false when the
     * id is taken already (81 random bits: practically never). Its size is estimated before, and the session
     * stored, outside the lock, which only keeps the order and the byte count.
     */
    private boolean keep(StoredSession stored, long bytes) {
        String id = stored.session().id();
        if (sessions.asMap().putIfAbsent(id, stored) != null) {
            return false;
        }
        synchronized (creationOrder) {
            creationOrder.addLast(new Held(id, bytes));
            bytesHeld += bytes;
            while (creationOrder.size() > 1 && (creationOrder.size() > maxSessions || bytesHeld > maxBytes)) {
                Held oldest = creationOrder.removeFirst();
                sessions.invalidate(oldest.id());
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
        return CompletableFuture.completedFuture(Optional.ofNullable(id).map(sessions::getIfPresent));
    }
}
