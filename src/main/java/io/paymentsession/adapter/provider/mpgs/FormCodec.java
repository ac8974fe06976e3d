package io.paymentsession.adapter.provider.mpgs;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The NVP wire format, {@code application/x-www-form-urlencoded} in UTF-8. Every name and value is
 * percent-encoded, so no value can add a parameter.
 */
public final class FormCodec {

    private FormCodec() {
    }

    public static String encode(Map<String, String> fields) {
        StringJoiner form = new StringJoiner("&");
        fields.forEach((name, value) -> form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }

    /** The fields of a form, in order; empty when the text is not a well-formed form (no '=', bad escapes, a repeated name). */
    public static Optional<Map<String, String>> decode(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (form.isEmpty()) {
            return Optional.of(fields);
        }
        for (String pair : form.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                return Optional.empty();
            }
            try {
                String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                if (fields.put(name, value) != null) {
                    return Optional.empty();
                }
            } catch (IllegalArgumentException malformedEscape) {
                return Optional.empty();
            }
        }
        return Optional.of(fields);
    }
}
