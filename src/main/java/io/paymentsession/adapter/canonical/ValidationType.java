package io.paymentsession.adapter.canonical;

public enum ValidationType {
    MISSING,
    INVALID,
    UNSUPPORTED
}
