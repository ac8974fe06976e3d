package io.paymentsession.adapter.canonical;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A validated canonical CreateSession request. Optional fields the caller left out are null. */
public record CreateSessionRequest(
        String merchantId,
        String correlationId,
        Integer authenticationLimit,
        String lineOfBusiness,
        BigDecimal expiresInMinutes,
        List<String> tokens,
        PaymentProductFilters paymentProductFilters) {

    /** The canonical names of the optional fields the caller gave, in contract order. */
    public List<String> givenOptionalFields() {
        List<String> given = new ArrayList<>();
        addIfGiven(given, "correlationId", correlationId);
        addIfGiven(given, "authenticationLimit", authenticationLimit);
        addIfGiven(given, "lineOfBusiness", lineOfBusiness);
        addIfGiven(given, "expiresInMinutes", expiresInMinutes);
        addIfGiven(given, "tokens", tokens);
        addIfGiven(given, "paymentProductFilters", paymentProductFilters);
        return given;
    }

    private static void addIfGiven(List<String> given, String name, Object value) {
        if (value != null) {
            given.add(name);
        }
    }
}
