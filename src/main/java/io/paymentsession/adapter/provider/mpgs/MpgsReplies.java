package io.paymentsession.adapter.provider.mpgs;

import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.ProviderError;
import io.paymentsession.adapter.canonical.Session;
import io.paymentsession.adapter.provider.ProviderCodes;
import io.paymentsession.adapter.provider.ProviderErrors;
import io.paymentsession.adapter.provider.ProviderSession;
import io.paymentsession.adapter.provider.UpstreamReply;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's reply, in either dialect, once flattened to dotted names ({@code result},
 * {@code session.id}, {@code error.cause}, ...): judged by {@code result}, not by HTTP status, except
 * that HTTP 401 always means the credentials were refused (and a 503 is SERVER_BUSY, as in every dialect:
 * {@link ProviderErrors#reported}).
 */
final class MpgsReplies {

    /** The optional canonical fields both Mastercard dialects send. */
    static final Set<String> CARRIED_FIELDS = Set.of("correlationId", "authenticationLimit", "lineOfBusiness");

    /** Gateway field names and their canonical names; other gateway fields have none. */
    private static final Map<String, String> CANONICAL_FIELDS = Map.of(
            "merchant", "merchantId",
            "correlationId", "correlationId",
            "session.authenticationLimit", "authenticationLimit",
            "lineOfBusiness", "lineOfBusiness");

    /** The gateway's answer to refused credentials, whatever its body says. */
    private static final int INVALID_CREDENTIALS = 401;

    /**
     * The gateway's own causes ({@code error.cause}) carry over; one it may add later is a failure on its side. A 401
     * is the credentials refused, whatever the cause.
     */
    static final ProviderCodes CODES = new ProviderCodes(
            Map.of(Integer.toString(INVALID_CREDENTIALS), Cause.REQUEST_REJECTED),
            Map.of("INVALID_REQUEST", Cause.INVALID_REQUEST,
                    "REQUEST_REJECTED", Cause.REQUEST_REJECTED,
                    "SERVER_BUSY", Cause.SERVER_BUSY,
                    "SERVER_FAILED", Cause.SERVER_FAILED),
            Map.of(ProviderCodes.ANY_STATUS, Cause.SERVER_FAILED));

    private MpgsReplies() {
    }

    static ProviderSession session(UpstreamReply reply, Map<String, String> fields) {
        String result = fields.get("result");
        if (reply.status() == INVALID_CREDENTIALS) {
            throw error(reply, fields, "Invalid credentials.");
        }
        if ("SUCCESS".equals(result)) {
            String id = fields.get("session.id");
            if (id == null || id.isBlank()) {
                throw ProviderErrors.notDialect(reply, "SUCCESS without session.id");
            }
            return ProviderSession.of(new Session(id, fields.get("session.updateStatus"), fields.get("session.version"),
                    integer(fields.get("session.authenticationLimit")), fields.get("session.aes256Key"), null));
        }
        if ("ERROR".equals(result)) {
            throw error(reply, fields, null);
        }
        throw ProviderErrors.notDialect(reply, result == null ? "no result" : "result " + result);
    }

    private static RuntimeException error(UpstreamReply reply, Map<String, String> fields, String defaultExplanation) {
        String providerCause = fields.get("error.cause");
        String explanation = fields.getOrDefault("error.explanation", defaultExplanation);
        String gatewayField = fields.get("error.field");
        List<ProviderError> providerErrors = providerCause == null && explanation == null && gatewayField == null
                ? List.of() : List.of(new ProviderError(providerCause, explanation, gatewayField));
        return ProviderErrors.reported(CODES.cause(providerCause, reply.status()), reply,
                explanation != null ? explanation : "The gateway refused the request (" + providerCause + ").",
                gatewayField == null ? null : CANONICAL_FIELDS.get(gatewayField),
                ProviderErrors.validationType(fields.get("error.validationType")),
                fields.get("error.supportCode"), providerCause, providerErrors);
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
