package io.paymentsession.adapter.sandbox;

import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.Provider;
import io.paymentsession.adapter.provider.Dialect;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The merchants of sandbox mode: one built in per provider ({@code SANDBOX-MPGS-REST}, ...), which needs no
 * configuration, and the configured ones, whose credentials are optional there: a credential not given is a
 * placeholder the simulator accepts, so that every dialect still signs and sends what it would send live.
 */
public final class SandboxMerchants {

    private static final String PREFIX = "SANDBOX-";

    private SandboxMerchants() {
    }

    /** {@code SANDBOX-<PROVIDER>}, with placeholder credentials. */
    public static MerchantAccount builtIn(Dialect dialect) {
        String id = PREFIX + dialect.id().toUpperCase(Locale.ROOT);
        return new MerchantAccount(id, new Provider(dialect.id()), id, withPlaceholders(dialect.credentialKeys(), Map.of()));
    }

    /** The given credentials, each missing one of {@code keys} as {@code sandbox-<key>}. */
    public static Map<String, String> withPlaceholders(List<String> keys, Map<String, String> given) {
        Map<String, String> credentials = new HashMap<>(given);
        keys.forEach(key -> credentials.putIfAbsent(key, "sandbox-" + key));
        return credentials;
    }
}
