package io.paymentsession.adapter.canonical;

import java.util.List;

/**
 * What a provider route (or the local store) hands back: the session, the request fields it could not
 * carry, and the upstream call's facts ({@code null} for the local store).
 */
public record SessionCreated(Session session, List<String> ignoredFields, Upstream upstream) {
}
