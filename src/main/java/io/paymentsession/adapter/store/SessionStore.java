package io.paymentsession.adapter.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.Session;
import io.paymentsession.adapter.canonical.SessionCreated;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * The local session store: sessions in the MPGS shape, each with its own time to live.
 *
 * <p>Caffeine holds the sessions and expires them. The bounds are kept here, oldest first, because
 * Caffeine's own size eviction (W-TinyLFU) may refuse a just-created entry, and a session we just
 * handed to a caller must stay readable until it expires or is the oldest one left. There are two: a
 * count, and the heap the sessions hold ({@link SessionSizes}), since one session may carry up to
 * about 50 KB of tokens and filters. A session that expired still counts until it is the oldest.
 */
public final class SessionStore {

    public static final int DEFAULT_AUTHENTICATION_LIMIT = 5;
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(15);

    private final int maxSessions;
    private final long maxBytes;
    private final Clock clock;
    private final Cache<String, StoredSession> sessions;
    /** Sessions in creation order, at most maxSessions; some may have expired already. Guarded by itself. */
    private final ArrayDeque<Held> creationOrder = new ArrayDeque<>();
    /** The estimated bytes of the sessions in creationOrder, at most maxBytes. Guarded by creationOrder. */
    private long bytesHeld;
    private final SessionIds ids = new SessionIds();

    /** A session's place in the creation order, with its estimated size. */
    private record Held(String id, long bytes) {
    }

    public SessionStore(int maxSessions, long maxBytes) {
        this(maxSessions, maxBytes, Ticker.systemTicker(), Clock.systemUTC());
    }

    /** The ticker drives expiry and the clock the reported expiresAt; tests pass fakes of both. */
    SessionStore(int maxSessions, long maxBytes, Ticker ticker, Clock clock) {
        if (maxSessions < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("maxSessions and maxBytes must be at least 1");
        }
        this.maxSessions = maxSessions;
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.sessions = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfter(Expiry.<String, StoredSession>creating((id, stored) -> stored.timeToLive()))
                .build();
    }

    /** Stores a new session for the request; the store carries every canonical field, so none is ignored. */
    public SessionCreated create(CreateSessionRequest request) {
        Duration timeToLive = timeToLive(request.expiresInMinutes());
        Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.MILLIS).plus(timeToLive);
        int authenticationLimit = request.authenticationLimit() == null
                ? DEFAULT_AUTHENTICATION_LIMIT : request.authenticationLimit();
        StoredSession stored;
        do {
            Session session = new Session(ids.newSessionId(), "NO_UPDATE", ids.newVersion(), authenticationLimit,
                    ids.newAes256Key(), expiresAt.toString());
            stored = new StoredSession(session, request, timeToLive);
        } while (!keep(stored, SessionSizes.of(stored)));
        return new SessionCreated(stored.session(), null, List.of(), null);
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

    public Optional<StoredSession> find(String id) {
        return Optional.ofNullable(id).map(sessions::getIfPresent);
    }

    private static Duration timeToLive(BigDecimal expiresInMinutes) {
        if (expiresInMinutes == null) {
            return DEFAULT_TIME_TO_LIVE;
        }
        long millis = expiresInMinutes.multiply(BigDecimal.valueOf(60_000)).longValue();
        return Duration.ofMillis(Math.max(1, millis));
    }
}
