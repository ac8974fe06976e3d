package io.paymentsession.adapter.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The {@code upstream} object of a reply: what the provider answered, how long it took, the
 * provider's own processing timestamps where it reports them (stage → InTime/OutTime, ISO-8601 UTC),
 * and {@code sandbox: true} when a simulated provider answered (sandbox mode; absent otherwise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Upstream(Integer httpStatus, Long latencyMs, Map<String, Map<String, String>> timestamps, Boolean sandbox) {

    /** An error's mark in sandbox mode: the refusal came from (or on the way to) a simulated provider. */
    public static final Upstream SANDBOX = new Upstream(null, null, null, true);
}
