package io.paymentsession.adapter.store;

import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.Session;
import io.paymentsession.adapter.canonical.SessionCreated;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** A new session for a request, as every store issues it: fresh ids and key, its time to live and expiry. */
final class NewSessions {

    static final int DEFAULT_AUTHENTICATION_LIMIT = 5;
    static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(15);

    private final Clock clock;
    private final SessionIds ids = new SessionIds();

    NewSessions(Clock clock) {
        this.clock = clock;
    }

    StoredSession issue(CreateSessionRequest request) {
        Duration timeToLive = timeToLive(request.expiresInMinutes());
        Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.MILLIS).plus(timeToLive);
        int authenticationLimit = request.authenticationLimit() == null
                ? DEFAULT_AUTHENTICATION_LIMIT : request.authenticationLimit();
        Session session = new Session(ids.newSessionId(), "NO_UPDATE", ids.newVersion(), authenticationLimit,
                ids.newAes256Key(), expiresAt.toString());
        return new StoredSession(session, request, timeToLive);
    }

    /** The create's reply: a store carries every field, so none is ignored, and no upstream was called. */
    static SessionCreated created(StoredSession stored) {
        return new SessionCreated(stored.session(), null, List.of(), null);
    }

    private static Duration timeToLive(BigDecimal expiresInMinutes) {
        if (expiresInMinutes == null) {
            return DEFAULT_TIME_TO_LIVE;
        }
        long millis = expiresInMinutes.multiply(BigDecimal.valueOf(60_000)).longValue();
        return Duration.ofMillis(Math.max(1, millis));
    }
}
