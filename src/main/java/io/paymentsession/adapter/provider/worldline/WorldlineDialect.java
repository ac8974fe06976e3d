package io.paymentsession.adapter.provider.worldline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymentsession.adapter.canonical.CanonicalException;
import io.paymentsession.adapter.canonical.Cause;
import io.paymentsession.adapter.canonical.ClientSession;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.Json;
import io.paymentsession.adapter.canonical.ProviderError;
import io.paymentsession.adapter.canonical.Session;
import io.paymentsession.adapter.canonical.ValidationType;
import io.paymentsession.adapter.merchant.ConfigurationException;
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
import io.paymentsession.adapter.provider.UriPaths;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Worldline Connect Server API: {@code POST /v1/{merchantId}/sessions}, signed with v1HMAC. */
public final class WorldlineDialect implements Dialect {

    static final String CONTENT_TYPE = "application/json";
    /** Optional: the integrator's name, sent (signed) in X-GCS-ServerMetaInfo. */
    static final String INTEGRATOR = "integrator";
    /**
     * Worldline says what went wrong by HTTP status; the codes in the body mostly only detail it. The codes its
     * documentation names map to what their status says, except {@code 1409}: a duplicate of a request still in
     * progress (its idempotence key), which may yet create a session. Another 409 (none is documented for
     * sessions) stays "busy, retry later".
     */
    static final ProviderCodes CODES = new ProviderCodes(
            Map.of(),
            Map.of("1409", Cause.REQUEST_IN_PROGRESS,
                    "9002", Cause.REQUEST_REJECTED,
                    "9999", Cause.SERVER_FAILED,
                    "20000000", Cause.INVALID_REQUEST),
            Map.of("400", Cause.INVALID_REQUEST,
                    "401", Cause.REQUEST_REJECTED,
                    "403", Cause.REQUEST_REJECTED,
                    "404", Cause.REQUEST_REJECTED,
                    "410", Cause.REQUEST_REJECTED,
                    "409", Cause.SERVER_BUSY,
                    "5xx", Cause.SERVER_FAILED,
                    ProviderCodes.ANY_STATUS, Cause.INVALID_REQUEST));
    /** RFC 1123 with a two-digit day, as HTTP dates are written ("Fri, 06 Jun 2014 13:39:43 GMT"). */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final Clock clock;

    public WorldlineDialect(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String id() {
        return "worldline";
    }

    @Override
    public List<String> credentialKeys() {
        return List.of("api-key-id", "secret-api-key");
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(INTEGRATOR);
    }

    @Override
    public Map<String, String> settings(Map<String, String> given, String keyPrefix) {
        String integrator = given.get(INTEGRATOR);
        if (integrator != null && (integrator.isEmpty() || integrator.length() > 100)) {
            throw new ConfigurationException(keyPrefix + INTEGRATOR, "must be 1 to 100 characters");
        }
        return given;
    }

    @Override
    public Set<String> carriedFields() {
        return Set.of("correlationId", "tokens", "paymentProductFilters");
    }

    @Override
    public ProviderCodes providerCodes() {
        return CODES;
    }

    @Override
    public OutboundRequest request(CreateSessionRequest request, MerchantAccount account, ProviderSettings settings) {
        String path = "/v1/" + UriPaths.segment(account.providerMerchantId()) + "/sessions";
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (request.tokens() != null) {
            body.set("tokens", Json.MAPPER.valueToTree(request.tokens()));
        }
        if (request.paymentProductFilters() != null) {
            body.set("paymentProductFilters", Json.MAPPER.valueToTree(request.paymentProductFilters()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("Date", HTTP_DATE.format(clock.instant()));
        String integrator = settings.dialectSetting(INTEGRATOR);
        if (integrator != null) {
            headers.put("X-GCS-ServerMetaInfo", serverMetaInfo(integrator));
        }
        String stringToSign = V1HmacSigner.stringToSign("POST", CONTENT_TYPE, headers.get("Date"), headers, path);
        headers.put("Authorization", V1HmacSigner.authorization(account.credential("api-key-id"),
                account.credential("secret-api-key"), stringToSign));
        return new OutboundRequest("POST", settings.url() + path, headers, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** The key id and the signature: the signature would let anyone check guesses of the secret API key. */
    @Override
    public RequestSecrets secrets() {
        return RequestSecrets.header("Authorization", "GCS v1HMAC:");
    }

    /** Who calls, as the SDKs tell Worldline: Base64 of a small JSON object. It is signed like every X-GCS header. */
    static String serverMetaInfo(String integrator) {
        ObjectNode info = Json.MAPPER.createObjectNode()
                .put("platformIdentifier", "Java")
                .put("sdkIdentifier", "PaymentSessionAdapter/1.0")
                .put("sdkCreator", "PaymentSessionAdapter")
                .put("integrator", integrator);
        return Base64.getEncoder().encodeToString(Json.write(info).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ProviderSession reply(CreateSessionRequest request, UpstreamReply reply) {
        JsonNode root = JsonReplies.read(reply);
        if (!reply.isSuccessful()) {
            throw error(reply, root);
        }
        String clientSessionId = JsonReplies.text(root, "clientSessionId")
                .orElseThrow(() -> ProviderErrors.notDialect(reply, "no clientSessionId"));
        ClientSession client = new ClientSession(
                JsonReplies.text(root, "customerId").orElse(null),
                JsonReplies.text(root, "clientApiUrl").orElse(null),
                JsonReplies.text(root, "assetUrl").orElse(null),
                JsonReplies.text(root, "region").orElse(null),
                strings(root.get("invalidTokens")));
        return new ProviderSession(new Session(clientSessionId, null, null, null, null, null), client, null);
    }

    private static CanonicalException error(UpstreamReply reply, JsonNode root) {
        JsonNode errors = root.get("errors");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            throw ProviderErrors.notDialect(reply, "an error without errors");
        }
        List<ProviderError> providerErrors = new ArrayList<>();
        for (JsonNode error : errors) {
            providerErrors.add(new ProviderError(JsonReplies.text(error, "code").orElse(null),
                    JsonReplies.text(error, "message").or(() -> JsonReplies.text(error, "id")).orElse(null),
                    JsonReplies.text(error, "propertyName").orElse(null)));
        }
        ProviderError first = providerErrors.get(0);
        String field = RequestFields.canonical(first.field(), Map.of());
        return ProviderErrors.reported(CODES.cause(first.code(), reply.status()), reply,
                first.message() != null ? first.message() : "Worldline refused the request (HTTP " + reply.status() + ").",
                field, ValidationType.INVALID, null, first.code(), providerErrors);
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || !array.isArray()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }
}
