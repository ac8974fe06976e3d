package io.paymentsession.adapter.merchant;

/** {@code local}: every request is served by the session store. {@code live}: by the merchant's provider. */
public enum Mode {
    LOCAL,
    LIVE
}
