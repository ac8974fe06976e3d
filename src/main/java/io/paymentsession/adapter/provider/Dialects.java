package io.paymentsession.adapter.provider;

import io.paymentsession.adapter.provider.mpgs.MpgsNvpDialect;
import io.paymentsession.adapter.provider.mpgs.MpgsRestDialect;
import io.paymentsession.adapter.provider.paysecure.PaySecureDialect;
import io.paymentsession.adapter.provider.worldline.WorldlineDialect;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Every provider the adapter speaks to, one line each. A new dialect is a line here, its templated route in
 * routes/providers.camel.yaml, its simulator (sandbox/Simulators) and its section in the README: the settings
 * reader, the call plumbing, the sandbox's built-in merchants, health and metrics take every provider from this list.
 */
public final class Dialects {

    public static final List<Dialect> ALL = List.of(
            new MpgsRestDialect(),
            new MpgsNvpDialect(),
            new WorldlineDialect(Clock.systemUTC()),
            new PaySecureDialect());

    private Dialects() {
    }

    public static Optional<Dialect> byId(String id) {
        return ALL.stream().filter(dialect -> dialect.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return ALL.stream().map(Dialect::id).toList();
    }
}
