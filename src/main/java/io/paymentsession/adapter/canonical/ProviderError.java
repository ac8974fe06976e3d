package io.paymentsession.adapter.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One error exactly as the provider reported it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProviderError(String code, String message, String field) {
}
