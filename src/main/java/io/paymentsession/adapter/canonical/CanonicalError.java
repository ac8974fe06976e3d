package io.paymentsession.adapter.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The {@code error} object of a canonical error reply. Absent values are left out of the JSON. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"cause", "source", "explanation", "field", "validationType", "retryable", "outcome",
    "supportCode", "providerCode", "providerErrors"})
public record CanonicalError(
        Cause cause,
        ErrorSource source,
        String explanation,
        String field,
        ValidationType validationType,
        boolean retryable,
        Outcome outcome,
        String supportCode,
        String providerCode,
        List<ProviderError> providerErrors) {

    /** An error with retryable and outcome as its cause implies them. */
    public static CanonicalError of(Cause cause, ErrorSource source, String explanation) {
        return new CanonicalError(cause, source, explanation, null, null, cause.retryable(), cause.outcome(),
                null, null, null);
    }

    public CanonicalError withField(String field, ValidationType validationType) {
        return new CanonicalError(cause, source, explanation, field, validationType, retryable, outcome,
                supportCode, providerCode, providerErrors);
    }

    public CanonicalError withProviderDetails(String supportCode, String providerCode, List<ProviderError> providerErrors) {
        return new CanonicalError(cause, source, explanation, field, validationType, retryable, outcome,
                supportCode, providerCode, providerErrors);
    }
}
