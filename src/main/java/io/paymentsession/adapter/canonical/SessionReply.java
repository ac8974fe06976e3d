package io.paymentsession.adapter.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The canonical success reply. {@code tokens} and {@code paymentProductFilters} are the stored request
 * fields that only a read of a local session returns.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"result", "provider", "merchantId", "correlationId", "session", "lineOfBusiness",
    "client", "ignoredFields", "upstream", "tokens", "paymentProductFilters"})
public record SessionReply(
        String result,
        String provider,
        String merchantId,
        String correlationId,
        Session session,
        String lineOfBusiness,
        ClientSession client,
        List<String> ignoredFields,
        Upstream upstream,
        List<String> tokens,
        PaymentProductFilters paymentProductFilters) {
}
