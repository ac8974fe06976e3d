package io.paymentsession.adapter.sandbox;

import java.util.List;

/**
 * What a sandbox provider does with a request, chosen by the start of the request's {@code correlationId}
 * (contract section 6). Each one's prefix is also the path segment the simulator reads it from: the adapter puts it
 * in the provider's base URL, so the request itself stays exactly what the dialect sends.
 */
public enum Behaviour {
    /** A session, at once. */
    SESSION(null),
    /** The dialect's own field error, on a field the dialect carries. */
    FIELD_ERROR("sandbox-field-error"),
    /** The dialect's reply to bad credentials. */
    AUTH("sandbox-auth"),
    /** HTTP 503 with the dialect's busy body. */
    BUSY("sandbox-busy"),
    /** HTTP 500 with the dialect's failure body. */
    FAIL("sandbox-fail"),
    /** A proxy's HTML 502 page. */
    HTML("sandbox-html"),
    /** The session reply cut in the middle: its full Content-Length announced, half of it sent, then the connection closed. */
    TRUNCATED("sandbox-truncated"),
    /** A TCP reset once the request has been read. */
    RESET("sandbox-reset"),
    /** No reply: held until the adapter gives up at its response timeout. */
    TIMEOUT("sandbox-timeout"),
    /** A session after one second. */
    SLOW("sandbox-slow"),
    /** Nothing listens: the connection is refused. */
    UNAVAILABLE("sandbox-unavailable");

    private static final List<Behaviour> CHOSEN_BY_PREFIX = List.of(values()).subList(1, values().length);

    private final String prefix;

    Behaviour(String prefix) {
        this.prefix = prefix;
    }

    /** The correlationId prefix that chooses it; null for {@link #SESSION}, what any other correlationId gets. */
    public String prefix() {
        return prefix;
    }

    /** The path segment that names it in a sandbox base URL. */
    String segment() {
        return prefix == null ? "sandbox-session" : prefix;
    }

    public static Behaviour of(String correlationId) {
        if (correlationId != null && correlationId.startsWith("sandbox-")) {
            for (Behaviour behaviour : CHOSEN_BY_PREFIX) {
                if (correlationId.startsWith(behaviour.prefix)) {
                    return behaviour;
                }
            }
        }
        return SESSION;
    }

    static Behaviour ofSegment(String segment) {
        for (Behaviour behaviour : values()) {
            if (behaviour.segment().equals(segment)) {
                return behaviour;
            }
        }
        return null;
    }
}
