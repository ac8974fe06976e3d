package io.paymentsession.adapter.provider;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymentsession.adapter.canonical.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Where a dialect's request carries secrets ({@link Dialect#secrets()}), and the one code that masks them wherever a
 * request is shown (the dry run): each secret becomes {@code ***}, everything else stays byte for byte as sent.
 *
 * @param headerPrefixes per header name, the part of its value that is kept ({@code "Basic "}): the rest is masked,
 *                       and all of it when the value does not begin so
 * @param formFields names of {@code application/x-www-form-urlencoded} body fields whose values are masked
 * @param jsonMembers JSON pointers ({@code /Credentials/Password}) of body members whose values are masked
 */
public record RequestSecrets(Map<String, String> headerPrefixes, Set<String> formFields, Set<String> jsonMembers) {

    public static final String MASK = "***";
    /** Numbers read back as written ({@code 0.50} stays {@code 0.50}), so the masked body differs only in its secrets. */
    private static final ObjectReader EXACT_NUMBERS = Json.MAPPER.reader().without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    public RequestSecrets {
        headerPrefixes = Map.copyOf(headerPrefixes);
        formFields = Set.copyOf(formFields);
        jsonMembers = Set.copyOf(jsonMembers);
    }

    /** The value of header {@code name} after {@code keptPrefix} is secret: {@code header("Authorization", "Basic ")}. */
    public static RequestSecrets header(String name, String keptPrefix) {
        return new RequestSecrets(Map.of(name, keptPrefix), Set.of(), Set.of());
    }

    public static RequestSecrets formField(String name) {
        return new RequestSecrets(Map.of(), Set.of(name), Set.of());
    }

    public static RequestSecrets jsonMember(String pointer) {
        return new RequestSecrets(Map.of(), Set.of(), Set.of(pointer));
    }

    /** The request as it would go out, each declared secret replaced by {@link #MASK}. */
    public OutboundRequest mask(OutboundRequest request) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headerPrefixes.forEach((name, kept) -> headers.computeIfPresent(name,
                (n, value) -> value.startsWith(kept) ? kept + MASK : MASK));
        String body = request.bodyText();
        if (!formFields.isEmpty()) {
            body = maskForm(body);
        }
        if (!jsonMembers.isEmpty()) {
            body = maskJson(body);
        }
        return new OutboundRequest(request.method(), request.uri(), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Only the secret values change: the other pairs keep their encoding and order. */
    private String maskForm(String form) {
        StringJoiner masked = new StringJoiner("&");
        for (String pair : form.split("&", -1)) {
            int equals = pair.indexOf('=');
            boolean secret = equals > 0 && formFields.contains(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8));
            masked.add(secret ? pair.substring(0, equals + 1) + MASK : pair);
        }
        return masked.toString();
    }

    /**
     * Written back by the mapper that wrote it (compact, members in order, numbers exact), so only the
     * secret values change. A body that cannot be read as JSON is masked whole.
     */
    private String maskJson(String body) {
        JsonNode root;
        try {
            root = EXACT_NUMBERS.readTree(body);
        } catch (IOException | RuntimeException notJson) {
            return MASK;
        }
        for (String member : jsonMembers) {
            JsonPointer pointer = JsonPointer.compile(member);
            if (root.at(pointer.head()) instanceof ObjectNode parent && parent.has(pointer.last().getMatchingProperty())) {
                parent.put(pointer.last().getMatchingProperty(), MASK);
            }
        }
        return Json.write(root);
    }
}
