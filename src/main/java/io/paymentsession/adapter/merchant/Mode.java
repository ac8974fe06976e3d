package io.paymentsession.adapter.merchant;

/**
 * {@code local}: every request is served by the session store. {@code live}: by the merchant's provider.
 * {@code sandbox}: by a simulator of the merchant's provider that the adapter serves on loopback (adapter/sandbox),
 * through the same dialect, client and guards as live.
 */
public enum Mode {
    LOCAL,
    LIVE,
    SANDBOX
}
