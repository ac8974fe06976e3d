package io.paymentsession.adapter.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"result", "provider", "merchantId", "correlationId", "error", "upstream"})
public record ErrorReply(String result, String provider, String merchantId, String correlationId, CanonicalError error,
                         Upstream upstream) {

    public static ErrorReply of(String provider, String merchantId, String correlationId, CanonicalError error) {
        return new ErrorReply("ERROR", provider, merchantId, correlationId, error, null);
    }

    /** The same error, marked as a simulated provider's (sandbox mode). */
    public ErrorReply markedSandbox() {
        return new ErrorReply(result, provider, merchantId, correlationId, error, Upstream.SANDBOX);
    }

    /** The JSON of a refusal by the adapter's HTTP servers themselves, before any request was read as ours. */
    public static String adapterRefusalJson(Cause cause, String explanation) {
        return Json.write(of(null, null, null, CanonicalError.of(cause, ErrorSource.ADAPTER, explanation)));
    }
}
