package io.paymentsession.adapter.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.Json;
import io.paymentsession.adapter.canonical.Session;
import io.paymentsession.adapter.canonical.SessionCreated;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Local-mode sessions in Redis, shared by every replica: each one is a key {@code psa:session:<id>} holding the
 * session and its request as JSON, written with {@code SET ... NX PX <time to live>}, so Redis expires it at exactly
 * its time to live. No bound of its own: Redis's {@code maxmemory} is the operator's (README "Running several replicas").
 */
public final class RedisSessionStore implements SessionStore {

    static final String KEY_PREFIX = "psa:session:";

    private final RedisStore redis;
    private final NewSessions newSessions;

    public RedisSessionStore(RedisStore redis) {
        this(redis, Clock.systemUTC());
    }

    RedisSessionStore(RedisStore redis, Clock clock) {
        this.redis = redis;
        this.newSessions = new NewSessions(clock);
    }

    /** How a session is kept: the reply's session, the request's fields, its time to live. */
    private record Entry(Session session, CreateSessionRequest request, long timeToLiveMs) {
    }

    @Override
    public CompletionStage<SessionCreated> create(CreateSessionRequest request) {
        StoredSession stored = newSessions.issue(request);
        Entry entry = new Entry(stored.session(), request, stored.timeToLive().toMillis());
        Request set = Request.cmd(Command.SET).arg(KEY_PREFIX + stored.session().id()).arg(Json.write(entry))
                .arg("NX").arg("PX").arg(entry.timeToLiveMs());
        // nil: the id is taken already (81 random bits: practically never), so a new one is drawn
        return redis.send(set).thenCompose(ok -> ok == null ? create(request)
                : CompletableFuture.completedFuture(NewSessions.created(stored)));
    }

    @Override
    public CompletionStage<Optional<StoredSession>> find(String id) {
        if (id == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return redis.send(Request.cmd(Command.GET).arg(KEY_PREFIX + id)).thenApply(value -> {
            if (value == null) {
                return Optional.empty();
            }
            try {
                Entry entry = Json.MAPPER.readValue(value.toString(), Entry.class);
                return Optional.of(new StoredSession(entry.session(), entry.request(), Duration.ofMillis(entry.timeToLiveMs())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("The session " + id + " in Redis is not one this adapter wrote");
            }
        });
    }
}
