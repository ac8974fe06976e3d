package io.paymentsession.adapter.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The {@code upstream} object of a reply: what the provider answered and how long it took. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Upstream(int httpStatus, long latencyMs) {
}
