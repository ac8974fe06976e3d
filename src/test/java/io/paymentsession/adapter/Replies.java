package io.paymentsession.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reading canonical replies in tests. */
public final class Replies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Replies() {
    }

    public static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    /** The text at a dotted path such as {@code error.cause}, or null when absent. */
    public static String text(JsonNode reply, String path) {
        JsonNode node = reply;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node == null || node.isNull() ? null : node.asText();
    }
}
