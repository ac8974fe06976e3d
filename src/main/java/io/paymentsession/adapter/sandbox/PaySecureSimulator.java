package io.paymentsession.adapter.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymentsession.adapter.canonical.Json;
import io.paymentsession.adapter.merchant.MerchantAccount;
import java.io.IOException;
import java.util.Collection;
import java.util.UUID;

/**
 * PaySecure, a ServiceStack service: {@code POST /CreateSession} with the credentials in the body's
 * {@code Credentials}; a session as HTTP 200 with its {@code Timestamps} in .NET's {@code /Date(ms)/} form, the
 * framework's exceptions as {@code ResponseStatus} with a 4xx or 5xx.
 */
final class PaySecureSimulator implements ProviderSimulator {

    private static final String CONTENT_TYPE = "application/json; charset=utf-8";

    @Override
    public String provider() {
        return "paysecure";
    }

    @Override
    public boolean authentic(SimulatedRequest request, Collection<MerchantAccount> merchants) {
        if (!"POST".equals(request.method()) || !"/CreateSession".equals(request.path())) {
            return false;
        }
        JsonNode credentials;
        try {
            credentials = Json.MAPPER.readTree(request.body()).path("Credentials");
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
        return merchants.stream().anyMatch(account -> account.providerMerchantId().equals(credentials.path("MerchantId").asText())
                && matches(credentials, "UserName", account.credential("user-name"))
                && matches(credentials, "Password", account.credential("password"))
                && matches(credentials, "Version", account.credential("api-version")));
    }

    private static boolean matches(JsonNode credentials, String field, String expected) {
        return expected != null && expected.equals(credentials.path(field).asText(null));
    }

    @Override
    public SimulatedReply reply(Answer answer, SimulatedRequest request) {
        return switch (answer) {
            case SESSION -> {
                long now = System.currentTimeMillis();
                ObjectNode body = Json.MAPPER.createObjectNode()
                        .put("SessionId", UUID.randomUUID().toString())
                        .put("ErrorCode", "")
                        .put("ErrorMessage", "");
                body.putObject("Timestamps").putObject("AppLayer")
                        .put("InTime", "/Date(" + now + ")/")
                        .put("OutTime", "/Date(" + now + ")/");
                yield SimulatedReply.of(200, CONTENT_TYPE, Json.write(body));
            }
            case FIELD_ERROR -> {
                String message = "'Session Expiry In Min' must be between 1 and 60.";
                ObjectNode body = Json.MAPPER.createObjectNode();
                ObjectNode status = body.putObject("ResponseStatus").put("ErrorCode", "InclusiveBetween").put("Message", message);
                status.putArray("Errors").addObject()
                        .put("ErrorCode", "InclusiveBetween")
                        .put("FieldName", "SessionExpiryInMin")
                        .put("Message", message);
                yield SimulatedReply.of(400, CONTENT_TYPE, Json.write(body));
            }
            case BAD_CREDENTIALS -> responseStatus(401, "Unauthorized", "Invalid UserName or Password");
            case BUSY -> responseStatus(503, "ServiceUnavailable", "The service is temporarily unavailable.");
            case FAILED -> responseStatus(500, "NullReferenceException", "Object reference not set to an instance of an object.");
        };
    }

    private static SimulatedReply responseStatus(int status, String errorCode, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("ResponseStatus").put("ErrorCode", errorCode).put("Message", message);
        return SimulatedReply.of(status, CONTENT_TYPE, Json.write(body));
    }
}
