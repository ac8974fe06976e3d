package io.paymentsession.adapter.canonical;

import java.util.List;

/**
 * What a provider route (or the local store) hands back: the session, the client data (Worldline),
 * the request fields the provider could not carry, and the upstream call's facts (null for the store).
 */
public record SessionCreated(Session session, ClientSession client, List<String> ignoredFields, Upstream upstream) {
}
