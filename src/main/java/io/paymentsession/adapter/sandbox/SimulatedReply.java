package io.paymentsession.adapter.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A simulated provider's reply: status, content type, other headers, body. */
public record SimulatedReply(int status, String contentType, Map<String, String> headers, byte[] body) {

    public SimulatedReply {
        headers = Map.copyOf(headers);
    }

    static SimulatedReply of(int status, String contentType, String body) {
        return new SimulatedReply(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    SimulatedReply withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new SimulatedReply(status, contentType, more, body);
    }
}
