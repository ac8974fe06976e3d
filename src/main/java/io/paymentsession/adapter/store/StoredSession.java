package io.paymentsession.adapter.store;

import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.Session;
import java.time.Duration;

/** A session the local store issued, with the request it was created from. */
public record StoredSession(Session session, CreateSessionRequest request, Duration timeToLive) {
}
