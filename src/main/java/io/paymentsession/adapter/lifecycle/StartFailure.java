package io.paymentsession.adapter.lifecycle;

import io.paymentsession.adapter.merchant.ConfigurationException;
import java.util.Locale;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one line a failed start prints: the key or variable at fault and the problem, never its value. */
public final class StartFailure {

    private static final Logger LOG = LoggerFactory.getLogger(StartFailure.class);

    private StartFailure() {
    }

    public static String describe(Throwable failure, Main main) {
        ConfigurationException configuration = find(failure, ConfigurationException.class);
        if (configuration != null) {
            return configuration.getMessage();
        }
        // Camel's own message holds the value, which may be a mistyped password
        PropertyBindingException binding = find(failure, PropertyBindingException.class);
        if (binding != null) {
            return keyAsWritten(binding, main) + ": " + (binding.getCause() == null
                    ? "unknown option" : "the value does not fit this option");
        }
        // not a configuration mistake: the whole story goes to the log, whose layout masks secrets
        LOG.error("Start-up failed", failure);
        return "unexpected failure (" + failure.getClass().getName() + "), see the log above";
    }

    private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Camel reports {@code proxyAuthPasword}; the operator wrote {@code proxy-auth-pasword}: name the key as written. */
    private static String keyAsWritten(PropertyBindingException binding, Main main) {
        String name = binding.getOptionKey() != null ? binding.getOptionKey() : binding.getPropertyName();
        String prefix = binding.getOptionPrefix() == null ? "" : binding.getOptionPrefix().replaceAll("\\.$", "") + ".";
        String key = name.startsWith(prefix) ? name : prefix + name;
        if (main == null || main.getCamelContext() == null) {
            return key;
        }
        return main.getCamelContext().getPropertiesComponent().loadProperties().stringPropertyNames().stream()
                .filter(written -> comparable(written).equals(comparable(key)))
                .findFirst().orElse(key);
    }

    private static String comparable(String key) {
        return key.replace("-", "").toLowerCase(Locale.ROOT);
    }
}
