package io.paymentsession.adapter.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The {@code client} object: what a browser or app needs to use a Worldline session. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"customerId", "clientApiUrl", "assetUrl", "region", "invalidTokens"})
public record ClientSession(String customerId, String clientApiUrl, String assetUrl, String region,
                            List<String> invalidTokens) {
}
