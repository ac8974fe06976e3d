package io.paymentsession.adapter.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The dry run's reply (contract section 5): what a create would do, nothing sent. {@code upstreamRequest} and
 * {@code circuitBreaker} are absent for the local store; {@code ignoredFields} as a create would report it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"result", "provider", "merchantId", "correlationId", "route", "ignoredFields", "upstreamRequest",
    "circuitBreaker"})
public record DryRunReply(
        String result,
        String provider,
        String merchantId,
        String correlationId,
        String route,
        List<String> ignoredFields,
        UpstreamRequest upstreamRequest,
        String circuitBreaker) {

    /** The request a provider would get, secrets masked; {@code body} as text. */
    @JsonPropertyOrder({"method", "url", "headers", "body"})
    public record UpstreamRequest(String method, String url, Map<String, String> headers, String body) {
    }

    /** @param ignoredFields left out when empty, as in a create's reply */
    public static DryRunReply of(String provider, CreateSessionRequest request, String route, List<String> ignoredFields,
                                 UpstreamRequest upstreamRequest, String circuitBreaker) {
        return new DryRunReply("DRY_RUN", provider, request.merchantId(), request.correlationId(), route,
                ignoredFields.isEmpty() ? null : ignoredFields, upstreamRequest, circuitBreaker);
    }
}
