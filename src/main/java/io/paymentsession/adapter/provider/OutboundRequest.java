package io.paymentsession.adapter.provider;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Exactly what goes on the wire to a provider: method, absolute URL, headers and body. Built by a
 * dialect's request mapper, sent by camel-vertx-http (provider/call).
 */
public record OutboundRequest(String method, String uri, Map<String, String> headers, byte[] body) {

    public OutboundRequest {
        headers = Map.copyOf(headers);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body and header values may hold credentials: never print them. */
    @Override
    public String toString() {
        return "OutboundRequest[" + method + " " + uri + ", headers=" + headers.keySet() + ", body=" + body.length + " bytes]";
    }
}
