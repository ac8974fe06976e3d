package io.paymentsession.adapter.merchant;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Reading a setting's value the one way every {@code adapter.*} reader does it: a refusal names the key, never the
 * value (it may be a mistyped secret).
 */
public final class SettingValues {

    private SettingValues() {
    }

    /** The value as a whole number from min to max. */
    public static int wholeNumber(String key, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(key, "must be a whole number from " + min + " to " + max);
    }

    /** {@code true} or {@code false}, as written. */
    public static boolean trueOrFalse(String key, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(key, "must be 'true' or 'false'");
        };
    }

    /**
     * An absolute http(s) URL with a host and without query, fragment or user info (credentials do not belong in a
     * URL that may be logged).
     */
    public static URI httpUrl(String key, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new ConfigurationException(key, "must be an absolute http(s) URL without query, fragment or user info");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(key, "is not a URL: " + e.getReason());
        }
    }
}
