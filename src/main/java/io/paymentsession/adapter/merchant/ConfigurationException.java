package io.paymentsession.adapter.merchant;

/** A configuration the adapter refuses to start with. The message names the key at fault. */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String key, String problem) {
        super(key + ": " + problem);
    }
}
