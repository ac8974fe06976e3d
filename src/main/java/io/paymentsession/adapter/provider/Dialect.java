package io.paymentsession.adapter.provider;

import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.ProviderSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One provider's dialect and what the adapter must know about the provider to speak it: its name, the
 * credentials a merchant needs, its own settings. Pure mapping, no HTTP: input the dialect cannot carry is
 * reported by {@link #carriedFields()}; every reply that is not a session becomes a canonical error here.
 */
public interface Dialect {

    /** The provider's name: in config, in replies, and in its route {@code direct:provider-<id>}. */
    String id();

    /** The merchant-table keys of this provider's credentials, in the order they are listed to an operator. */
    List<String> credentialKeys();

    /** The credentials a merchant must have, given the provider's settings; by default all of them. */
    default List<String> requiredCredentials(ProviderSettings settings) {
        return credentialKeys();
    }

    /** This provider's own {@code adapter.providers.<id>.*} keys, beside those every provider has. */
    default Set<String> settingKeys() {
        return Set.of();
    }

    /**
     * Checks this provider's own settings and adds their defaults.
     *
     * @param given the keys of {@link #settingKeys()} that are set, without their prefix
     * @param keyPrefix {@code adapter.providers.<id>.}, to name a key in a {@code ConfigurationException}
     */
    default Map<String, String> settings(Map<String, String> given, String keyPrefix) {
        return given;
    }

    /** The optional canonical fields this dialect sends upstream or echoes; the others are reported as ignored. */
    Set<String> carriedFields();

    OutboundRequest request(CreateSessionRequest request, MerchantAccount account, ProviderSettings settings);

    /** Where {@link #request} puts secrets: masked wherever a request is shown (the dry run). */
    RequestSecrets secrets();

    /** @throws io.paymentsession.adapter.canonical.CanonicalException for every reply that is not a new session */
    ProviderSession reply(CreateSessionRequest request, UpstreamReply reply);

    /** The provider error codes {@link #reply} knows and the canonical cause of each (README, per dialect). */
    ProviderCodes providerCodes();
}
