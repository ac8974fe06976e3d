package io.paymentsession.adapter.provider.paysecure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.Json;
import io.paymentsession.adapter.canonical.ProviderError;
import io.paymentsession.adapter.canonical.Session;
import io.paymentsession.adapter.canonical.ValidationType;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.provider.Dialect;
import io.paymentsession.adapter.provider.JsonReplies;
import io.paymentsession.adapter.provider.OutboundRequest;
import io.paymentsession.adapter.provider.ProviderCodes;
import io.paymentsession.adapter.provider.ProviderErrors;
import io.paymentsession.adapter.provider.ProviderSession;
import io.paymentsession.adapter.provider.RequestFields;
import io.paymentsession.adapter.provider.RequestSecrets;
import io.paymentsession.adapter.provider.UpstreamReply;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** PaySecure Pinless Web Services (ServiceStack): {@code POST /CreateSession}, credentials in the body. */
public final class PaySecureDialect implements Dialect {

    /** PaySecure's names for canonical fields. */
    private static final Map<String, String> RENAMED = Map.of(
            "SessionExpiryInMin", "expiresInMinutes",
            "Credentials.MerchantId", "merchantId",
            "MerchantId", "merchantId");

    /**
     * PaySecure publishes no list of its business codes (a 200 with an {@code ErrorCode}): every one is a refusal,
     * and counted as unmapped. The codes known are ServiceStack's own: an HttpError's status name, and the
     * exceptions ServiceStack answers with 400.
     */
    static final ProviderCodes CODES = new ProviderCodes(
            Map.of(),
            Map.ofEntries(
                    Map.entry("BadRequest", Cause.INVALID_REQUEST),
                    Map.entry("ArgumentException", Cause.INVALID_REQUEST),
                    Map.entry("ArgumentNullException", Cause.INVALID_REQUEST),
                    Map.entry("SerializationException", Cause.INVALID_REQUEST),
                    Map.entry("Unauthorized", Cause.REQUEST_REJECTED),
                    Map.entry("Forbidden", Cause.REQUEST_REJECTED),
                    Map.entry("NotFound", Cause.INVALID_REQUEST),
                    Map.entry("MethodNotAllowed", Cause.INVALID_REQUEST),
                    Map.entry("Conflict", Cause.INVALID_REQUEST),
                    Map.entry("ServiceUnavailable", Cause.SERVER_BUSY)),
            Map.of("2xx", Cause.REQUEST_REJECTED,
                    "401", Cause.REQUEST_REJECTED,
                    "403", Cause.REQUEST_REJECTED,
                    "5xx", Cause.SERVER_FAILED,
                    ProviderCodes.ANY_STATUS, Cause.INVALID_REQUEST));

    @Override
    public String id() {
        return "paysecure";
    }

    @Override
    public List<String> credentialKeys() {
        return List.of("password", "user-name", "api-version");
    }

    @Override
    public Set<String> carriedFields() {
        return Set.of("correlationId", "expiresInMinutes");
    }

    @Override
    public ProviderCodes providerCodes() {
        return CODES;
    }

    @Override
    public OutboundRequest request(CreateSessionRequest request, MerchantAccount account, ProviderSettings settings) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("Credentials")
                .put("MerchantId", account.providerMerchantId())
                .put("UserName", account.credential("user-name"))
                .put("Password", account.credential("password"))
                .put("Version", account.credential("api-version"));
        if (request.expiresInMinutes() != null) {
            body.put("SessionExpiryInMin", request.expiresInMinutes());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        // the service also speaks XML, JSV and CSV: ask for JSON
        headers.put("Accept", "application/json");
        return new OutboundRequest("POST", settings.url() + "/CreateSession", headers,
                Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public RequestSecrets secrets() {
        return RequestSecrets.jsonMember("/Credentials/Password");
    }

    @Override
    public ProviderSession reply(CreateSessionRequest request, UpstreamReply reply) {
        JsonNode root = JsonReplies.read(reply);
        if (!reply.isSuccessful()) {
            throw frameworkError(reply, root);
        }
        Optional<String> errorCode = JsonReplies.text(root, "ErrorCode");
        if (errorCode.isPresent()) {
            // a business refusal comes as 200 with a code and no session
            String message = JsonReplies.text(root, "ErrorMessage").orElse(null);
            throw ProviderErrors.reported(CODES.cause(errorCode.get(), reply.status()), reply,
                    message != null ? message : "PaySecure refused the request (" + errorCode.get() + ").",
                    null, null, null, errorCode.get(), List.of(new ProviderError(errorCode.get(), message, null)));
        }
        String sessionId = JsonReplies.text(root, "SessionId")
                .orElseThrow(() -> ProviderErrors.notDialect(reply, "neither SessionId nor ErrorCode"));
        Map<String, Map<String, String>> timestamps = timestamps(reply, root.get("Timestamps"));
        return new ProviderSession(new Session(sessionId, null, null, null, null,
                expiresAt(reply.sentAt(), request.expiresInMinutes())), null, timestamps);
    }

    /** Counted from when the request left, so the session never outlives what the caller is told. */
    private static String expiresAt(Instant sentAt, BigDecimal expiresInMinutes) {
        if (expiresInMinutes == null || sentAt == null) {
            return null;
        }
        return sentAt.plus(Duration.ofMillis(expiresInMinutes.multiply(BigDecimal.valueOf(60_000)).longValue())).toString();
    }

    /** Each stage's InTime/OutTime as ISO-8601 UTC; unset ones (.NET's minimum date) and then empty stages left out. */
    private static Map<String, Map<String, String>> timestamps(UpstreamReply reply, JsonNode stages) {
        if (stages == null || stages.isNull()) {
            return null;
        }
        if (!stages.isObject()) {
            throw ProviderErrors.notDialect(reply, "Timestamps is not an object");
        }
        Map<String, Map<String, String>> converted = new LinkedHashMap<>();
        stages.properties().forEach(stage -> {
            Map<String, String> times = new LinkedHashMap<>();
            for (String name : List.of("InTime", "OutTime")) {
                JsonReplies.text(stage.getValue(), name).ifPresent(text -> {
                    try {
                        DotNetDates.parse(text).ifPresent(instant -> times.put(name, instant.toString()));
                    } catch (IllegalArgumentException e) {
                        throw ProviderErrors.notDialect(reply, "Timestamps." + stage.getKey() + "." + name + " is not a /Date()/");
                    }
                });
            }
            if (!times.isEmpty()) {
                converted.put(stage.getKey(), times);
            }
        });
        return converted;
    }

    /** A ServiceStack exception: {@code {"ResponseStatus":{"ErrorCode","Message","Errors":[{ErrorCode,FieldName,Message}]}}}. */
    private static CanonicalException frameworkError(UpstreamReply reply, JsonNode root) {
        JsonNode status = root.get("ResponseStatus");
        if (status == null || !status.isObject()) {
            throw ProviderErrors.notDialect(reply, "an error without ResponseStatus");
        }
        String code = JsonReplies.text(status, "ErrorCode").orElse(null);
        String message = JsonReplies.text(status, "Message").orElse(null);
        List<ProviderError> providerErrors = new ArrayList<>();
        JsonNode errors = status.get("Errors");
        if (errors != null && errors.isArray()) {
            for (JsonNode error : errors) {
                providerErrors.add(new ProviderError(JsonReplies.text(error, "ErrorCode").orElse(null),
                        JsonReplies.text(error, "Message").orElse(null), JsonReplies.text(error, "FieldName").orElse(null)));
            }
        }
        if (providerErrors.isEmpty() && (code != null || message != null)) {
            providerErrors.add(new ProviderError(code, message, null));
        }
        String field = providerErrors.isEmpty() ? null : RequestFields.canonical(providerErrors.get(0).field(), RENAMED);
        return ProviderErrors.reported(CODES.cause(code, reply.status()), reply,
                message != null ? message : "PaySecure refused the request (HTTP " + reply.status() + ").",
                field, ValidationType.INVALID, null, code, providerErrors);
    }
}
