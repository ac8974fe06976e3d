package io.paymentsession.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;

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

    /** Asserts a canonical error reply: status, cause, source, outcome, and no null anywhere. */
    public static JsonNode assertError(HttpResponse<String> response, int status, String cause, String source, String outcome) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode reply = json(response.body());
        assertEquals("ERROR", text(reply, "result"), response.body());
        assertEquals(cause, text(reply, "error.cause"), response.body());
        assertEquals(source, text(reply, "error.source"), response.body());
        assertEquals(outcome, text(reply, "error.outcome"), response.body());
        assertFalse(response.body().contains("null"), response.body());
        return reply;
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
