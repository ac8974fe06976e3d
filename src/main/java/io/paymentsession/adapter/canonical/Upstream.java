package io.paymentsession.adapter.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The {@code upstream} object of a reply: what the provider answered, how long it took, and the
 * provider's own processing timestamps where it reports them (stage → InTime/OutTime, ISO-8601 UTC).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Upstream(int httpStatus, long latencyMs, Map<String, Map<String, String>> timestamps) {
}
