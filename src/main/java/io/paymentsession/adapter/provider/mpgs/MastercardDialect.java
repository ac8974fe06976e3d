package io.paymentsession.adapter.provider.mpgs;

import io.paymentsession.adapter.merchant.ConfigurationException;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.provider.Dialect;
import io.paymentsession.adapter.provider.ProviderCodes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What both Mastercard Gateway dialects share: the API password, which a client certificate replaces
 * (the provider's {@code key-store}), the API {@code version} setting, and the fields they carry.
 */
abstract class MastercardDialect implements Dialect {

    static final String VERSION = "version";
    private static final String DEFAULT_VERSION = "100";

    @Override
    public List<String> credentialKeys() {
        return List.of("password");
    }

    /** With a client certificate the gateway knows the merchant without an API password. */
    @Override
    public List<String> requiredCredentials(ProviderSettings settings) {
        return settings.tls().clientCertificate().isPresent() ? List.of() : credentialKeys();
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(VERSION);
    }

    @Override
    public Map<String, String> settings(Map<String, String> given, String keyPrefix) {
        String version = given.getOrDefault(VERSION, DEFAULT_VERSION);
        if (!version.matches("[1-9][0-9]{0,3}")) {
            throw new ConfigurationException(keyPrefix + VERSION, "must be a whole number such as 100");
        }
        Map<String, String> settings = new HashMap<>(given);
        settings.put(VERSION, version);
        return settings;
    }

    @Override
    public Set<String> carriedFields() {
        return MpgsReplies.CARRIED_FIELDS;
    }

    @Override
    public ProviderCodes providerCodes() {
        return MpgsReplies.CODES;
    }

    /** The base URL and API version: {@code https://host/api/<api>/version/<version>}. */
    static String versionedUrl(ProviderSettings settings, String api) {
        return settings.url() + "/api/" + api + "/version/" + settings.dialectSetting(VERSION);
    }
}
