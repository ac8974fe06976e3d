package io.paymentsession.adapter.merchant;

/** Reading a whole-number setting, the one way every {@code adapter.*} reader does it. */
public final class WholeNumbers {

    private WholeNumbers() {
    }

    /** The value as a whole number from min to max, else a refusal naming the key (never the value). */
    public static int in(String key, String value, int min, int max) {
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
}
