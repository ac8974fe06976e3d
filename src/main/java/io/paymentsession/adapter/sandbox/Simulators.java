package io.paymentsession.adapter.sandbox;

import java.util.List;
import java.util.Optional;

/** A simulator for every provider of provider/Dialects, one line each: a new dialect adds its simulator here. */
public final class Simulators {

    public static final List<ProviderSimulator> ALL = List.of(
            new MpgsRestSimulator(),
            new MpgsNvpSimulator(),
            new WorldlineSimulator(),
            new PaySecureSimulator());

    private Simulators() {
    }

    public static Optional<ProviderSimulator> of(String provider) {
        return ALL.stream().filter(simulator -> simulator.provider().equals(provider)).findFirst();
    }
}
