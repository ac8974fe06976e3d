package io.paymentsession.adapter.merchant;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The fixed provider names and the merchant credentials each one needs. */
public enum Provider {
    MPGS_REST("mpgs-rest", "mpgsRest", List.of("password")),
    MPGS_NVP("mpgs-nvp", "mpgsNvp", List.of("password")),
    WORLDLINE("worldline", "worldline", List.of("api-key-id", "secret-api-key")),
    PAYSECURE("paysecure", "paysecure", List.of("password", "user-name", "api-version")),
    LOCAL("local", "sessionStore", List.of());

    private final String id;
    private final String beanName;
    private final List<String> credentialKeys;

    Provider(String id, String beanName, List<String> credentialKeys) {
        this.id = id;
        this.beanName = beanName;
        this.credentialKeys = credentialKeys;
    }

    /** The name its route's beans are bound under: {@code <beanName>}, {@code <beanName>HttpClient}, {@code <beanName>Tls}. */
    public String beanName() {
        return beanName;
    }

    /** The name used in config, in replies and in the route {@code direct:provider-<id>}. */
    public String id() {
        return id;
    }

    /** The merchant-table keys that hold this provider's credentials: all of them are required. */
    public List<String> credentialKeys() {
        return credentialKeys;
    }

    public static Optional<Provider> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
