package io.paymentsession.adapter.canonical;

import java.util.List;

/** What a provider route (or the local store) hands back: the session and the request fields it could not carry. */
public record SessionCreated(Session session, List<String> ignoredFields) {
}
