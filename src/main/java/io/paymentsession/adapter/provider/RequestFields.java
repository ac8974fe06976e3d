package io.paymentsession.adapter.provider;

import java.util.Map;
import java.util.Set;

/** Turning a provider's name for a field of the request into the canonical one. */
public final class RequestFields {

    /** The canonical paths a provider may name when a field is refused. */
    private static final Set<String> CANONICAL = Set.of("merchantId", "correlationId", "authenticationLimit",
            "lineOfBusiness", "expiresInMinutes", "tokens", "paymentProductFilters",
            "paymentProductFilters.restrictTo", "paymentProductFilters.restrictTo.groups",
            "paymentProductFilters.restrictTo.products", "paymentProductFilters.exclude",
            "paymentProductFilters.exclude.groups", "paymentProductFilters.exclude.products");

    private RequestFields() {
    }

    /**
     * The canonical name for a provider's field path, array indexes dropped ({@code tokens[2]} is
     * {@code tokens}); null when the field has no canonical name (credentials, fields the adapter adds).
     *
     * @param renamed the provider's own names for canonical fields ({@code SessionExpiryInMin} → {@code expiresInMinutes})
     */
    public static String canonical(String providerField, Map<String, String> renamed) {
        if (providerField == null) {
            return null;
        }
        String path = providerField.replaceAll("\\[\\d*]", "");
        String name = renamed.getOrDefault(path, path);
        return CANONICAL.contains(name) ? name : null;
    }
}
