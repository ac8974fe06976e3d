package io.paymentsession.adapter.canonical;

/** Who refused: the adapter before any upstream call, the provider in its reply, or the transport (no usable reply). */
public enum ErrorSource {
    ADAPTER,
    PROVIDER,
    TRANSPORT
}
