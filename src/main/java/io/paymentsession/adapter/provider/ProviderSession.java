package io.paymentsession.adapter.provider;

import io.paymentsession.adapter.canonical.Session;

/** What a dialect's reply mapper reads from a successful provider reply. */
public record ProviderSession(Session session) {
}
