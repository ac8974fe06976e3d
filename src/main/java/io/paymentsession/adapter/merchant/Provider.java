package io.paymentsession.adapter.merchant;

/**
 * A provider, by the name used in config, in replies and in its route {@code direct:provider-<id>}: one of the
 * dialects (provider/Dialects), or {@code local}, the session store.
 */
public record Provider(String id) {

    public static final Provider LOCAL = new Provider("local");

    @Override
    public String toString() {
        return id;
    }
}
