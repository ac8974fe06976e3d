package io.paymentsession.adapter.store;

import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.SessionCreated;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where local-mode sessions live: in memory, one store per instance ({@link InMemorySessionStore}), or in Redis,
 * shared by every replica ({@link RedisSessionStore}). Every method answers asynchronously, so a networked store
 * never blocks an event loop; a store that cannot answer fails the stage with {@link StoreUnavailable#error()}.
 */
public interface SessionStore {

    /** Issues and keeps a new session for the request; the store carries every canonical field, so none is ignored. */
    CompletionStage<SessionCreated> create(CreateSessionRequest request);

    /** The session of this id, empty when unknown or expired. */
    CompletionStage<Optional<StoredSession>> find(String id);
}
