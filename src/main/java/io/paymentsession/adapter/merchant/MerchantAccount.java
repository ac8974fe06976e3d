package io.paymentsession.adapter.merchant;

import java.util.Map;

/**
 * One row of the routing table: which provider serves a merchant, its id there and its credentials
 * (keyed by their config names: password, api-key-id, secret-api-key, user-name, api-version).
 */
public record MerchantAccount(String merchantId, Provider provider, String providerMerchantId,
                              Map<String, String> credentials) {

    public static MerchantAccount local(String merchantId) {
        return new MerchantAccount(merchantId, Provider.LOCAL, merchantId, Map.of());
    }

    public String credential(String key) {
        return credentials.get(key);
    }

    /** Credentials are never printed, whoever logs this record. */
    @Override
    public String toString() {
        return "MerchantAccount[merchantId=" + merchantId + ", provider=" + provider
                + ", providerMerchantId=" + providerMerchantId + ", credentials=" + credentials.keySet() + "]";
    }
}
