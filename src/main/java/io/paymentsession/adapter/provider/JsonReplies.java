package io.paymentsession.adapter.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.paymentsession.adapter.canonical.Json;
import java.util.Optional;

/** Reading a JSON dialect's reply: JSON content type, one well-formed object, or it is not the dialect. */
public final class JsonReplies {

    private JsonReplies() {
    }

    /** The reply's JSON object; a reply that is not one is a transport failure (SERVER_FAILED, UNKNOWN). */
    public static JsonNode read(UpstreamReply reply) {
        if (!reply.mediaType().equals("application/json")) {
            throw ProviderErrors.notDialect(reply, "not JSON");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(reply.text());
        } catch (JsonProcessingException e) {
            throw ProviderErrors.notDialect(reply, "malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw ProviderErrors.notDialect(reply, "not a JSON object");
        }
        return root;
    }

    /** A member's text when it is a non-blank JSON string or number, else empty. */
    public static Optional<String> text(JsonNode node, String member) {
        JsonNode value = node == null ? null : node.get(member);
        if (value == null || !(value.isTextual() || value.isNumber()) || value.asText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }
}
