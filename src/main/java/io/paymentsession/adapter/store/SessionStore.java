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
 * <p>Caffeine holds the sessions and expires them. The size bound is kept here, oldest first, because
 * Caffeine's own size eviction (W-TinyLFU) may refuse a just-created entry, and a session we just
 * handed to a caller must stay readable until it expires or is the oldest one left.
 */
public final class SessionStore {

    public static final int DEFAULT_AUTHENTICATION_LIMIT = 5;
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(15);

    private final int maxSessions;
    private final Clock clock;
    private final Cache<String, StoredSession> sessions;
    /** Ids in creation order, at most maxSessions; some may have expired already. Guarded by itself. */
    private final ArrayDeque<String> creationOrder = new ArrayDeque<>();
    private final SessionIds ids = new SessionIds();

    public SessionStore(int maxSessions) {
        this(maxSessions, Ticker.systemTicker(), Clock.systemUTC());
    }

    /** The ticker drives expiry and the clock the reported expiresAt; tests pass fakes of both. */
    SessionStore(int maxSessions, Ticker ticker, Clock clock) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1");
        }
        this.maxSessions = maxSessions;
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
        synchronized (creationOrder) {
            while (creationOrder.size() >= maxSessions) {
                sessions.invalidate(creationOrder.removeFirst());
            }
            String id;
            do {
                id = ids.newSessionId();
            } while (sessions.getIfPresent(id) != null);
            Session session = new Session(id, "NO_UPDATE", ids.newVersion(), authenticationLimit,
                    ids.newAes256Key(), expiresAt.toString());
            StoredSession stored = new StoredSession(session, request, timeToLive);
            sessions.put(id, stored);
            creationOrder.addLast(id);
            return new SessionCreated(session, null, List.of(), null);
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
