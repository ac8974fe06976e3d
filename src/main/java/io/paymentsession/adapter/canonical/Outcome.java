package io.paymentsession.adapter.canonical;

/** Whether a session can exist upstream after an error. */
public enum Outcome {
    NOT_CREATED,
    UNKNOWN
}
