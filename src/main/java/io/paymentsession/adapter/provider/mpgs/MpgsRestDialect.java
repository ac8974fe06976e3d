package io.paymentsession.adapter.provider.mpgs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.Json;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.merchant.ProviderSettings;
import io.paymentsession.adapter.provider.OutboundRequest;
import io.paymentsession.adapter.provider.JsonReplies;
import io.paymentsession.adapter.provider.ProviderSession;
import io.paymentsession.adapter.provider.RequestSecrets;
import io.paymentsession.adapter.provider.UpstreamReply;
import io.paymentsession.adapter.provider.UriPaths;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Mastercard Gateway REST JSON: {@code POST .../merchant/{id}/session} with Basic auth. */
public final class MpgsRestDialect extends MastercardDialect {

    @Override
    public String id() {
        return "mpgs-rest";
    }

    @Override
    public OutboundRequest request(CreateSessionRequest request, MerchantAccount account, ProviderSettings settings) {
        String merchant = account.providerMerchantId();
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (request.correlationId() != null) {
            body.put("correlationId", request.correlationId());
        }
        if (request.authenticationLimit() != null) {
            body.putObject("session").put("authenticationLimit", request.authenticationLimit());
        }
        if (request.lineOfBusiness() != null) {
            body.put("lineOfBusiness", request.lineOfBusiness());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        // without a charset the gateway reads the body as ISO-8859-1
        headers.put("Content-Type", "application/json; charset=UTF-8");
        headers.put("Accept", "application/json");
        String password = account.credential("password");
        if (password != null) {
            // no password: the merchant authenticates with the provider's client certificate instead
            String credentials = "merchant." + merchant + ":" + password;
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return new OutboundRequest("POST",
                versionedUrl(settings, "rest") + "/merchant/" + UriPaths.segment(merchant) + "/session",
                headers, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public RequestSecrets secrets() {
        return RequestSecrets.header("Authorization", "Basic ");
    }

    @Override
    public ProviderSession reply(CreateSessionRequest request, UpstreamReply reply) {
        return MpgsReplies.session(reply, dottedNames(JsonReplies.read(reply)));
    }

    /** {"session":{"id":"S"}} becomes session.id=S, the names the NVP dialect uses (the sandbox's simulator reads requests so). */
    public static Map<String, String> dottedNames(JsonNode json) {
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", json, fields);
        return fields;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        node.properties().forEach(member -> {
            String name = prefix + member.getKey();
            if (member.getValue().isObject()) {
                flatten(name + ".", member.getValue(), into);
            } else if (member.getValue().isValueNode() && !member.getValue().isNull()) {
                into.put(name, member.getValue().asText());
            }
        });
    }
}
