package io.paymentsession.adapter.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A request as it reached a simulated provider.
 *
 * @param path the path and query the dialect wrote after the provider's base URL (what Worldline's signature covers)
 * @param headers by lower-case name
 */
public record SimulatedRequest(String method, String path, Map<String, String> headers, byte[] body) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
