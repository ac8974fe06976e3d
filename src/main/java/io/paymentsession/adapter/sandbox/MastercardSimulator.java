package io.paymentsession.adapter.sandbox;

import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.store.SessionIds;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What both Mastercard Gateway dialects say, in dotted names ({@code session.id}, {@code error.cause}), keys in
 * alphabetical order as the gateway writes them; each dialect writes the names its own way (nested JSON, a form).
 * Errors as spec/providers.md shows them: {@code explanation} only with INVALID_REQUEST and SERVER_BUSY,
 * {@code supportCode} only with SERVER_FAILED, 401 for refused credentials.
 */
abstract class MastercardSimulator implements ProviderSimulator {

    private static final SessionIds IDS = new SessionIds();

    /** The request's fields in dotted names. */
    abstract Map<String, String> requestFields(SimulatedRequest request);

    /** The merchant the request names (path or form), or null when it is not this dialect's request. */
    abstract String merchant(SimulatedRequest request);

    /** Whether the request authenticates as {@code merchant.<id>} with this API password. */
    abstract boolean hasPassword(SimulatedRequest request, String merchant, String password);

    abstract int sessionStatus();

    abstract SimulatedReply write(int status, Map<String, String> fields, boolean credentialsRefused);

    @Override
    public boolean authentic(SimulatedRequest request, Collection<MerchantAccount> merchants) {
        String merchant = "POST".equals(request.method()) ? merchant(request) : null;
        return merchant != null && merchants.stream().anyMatch(account -> account.providerMerchantId().equals(merchant)
                && hasPassword(request, merchant, account.credential("password")));
    }

    @Override
    public SimulatedReply reply(Answer answer, SimulatedRequest request) {
        Map<String, String> fields = new TreeMap<>();
        switch (answer) {
            case SESSION -> {
                fields.put("merchant", String.valueOf(merchant(request)));
                fields.put("result", "SUCCESS");
                fields.put("session.aes256Key", IDS.newAes256Key());
                fields.put("session.authenticationLimit",
                        requestFields(request).getOrDefault("session.authenticationLimit", "5"));
                fields.put("session.id", IDS.newSessionId());
                fields.put("session.updateStatus", "NO_UPDATE");
                fields.put("session.version", IDS.newVersion());
                return write(sessionStatus(), fields, false);
            }
            case FIELD_ERROR -> {
                fields.put("error.cause", "INVALID_REQUEST");
                fields.put("error.explanation", "Value '" + requestFields(request).getOrDefault("correlationId", "")
                        + "' is invalid.");
                fields.put("error.field", "correlationId");
                fields.put("error.validationType", "INVALID");
                return error(400, fields);
            }
            case BAD_CREDENTIALS -> {
                fields.put("error.cause", "INVALID_REQUEST");
                fields.put("error.explanation", "Invalid credentials.");
                fields.put("result", "ERROR");
                return write(401, fields, true);
            }
            case BUSY -> {
                fields.put("error.cause", "SERVER_BUSY");
                fields.put("error.explanation", "The server is busy. Please retry.");
                return error(503, fields);
            }
            case FAILED -> {
                fields.put("error.cause", "SERVER_FAILED");
                fields.put("error.supportCode", HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(6));
                return error(500, fields);
            }
            default -> throw new IllegalArgumentException(answer.name());
        }
    }

    private SimulatedReply error(int status, Map<String, String> fields) {
        fields.put("result", "ERROR");
        return write(status, fields, false);
    }
}
