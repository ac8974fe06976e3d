package io.paymentsession.adapter.provider;

import io.paymentsession.adapter.canonical.ClientSession;
import io.paymentsession.adapter.canonical.Session;
import java.util.Map;

/**
 * What a dialect's reply mapper reads from a successful provider reply: the session, and where the
 * provider has them, client data and processing timestamps (null otherwise).
 */
public record ProviderSession(Session session, ClientSession client, Map<String, Map<String, String>> timestamps) {

    public static ProviderSession of(Session session) {
        return new ProviderSession(session, null, null);
    }
}
