package io.paymentsession.adapter.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymentsession.adapter.canonical.Json;
import io.paymentsession.adapter.provider.mpgs.MpgsRestDialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Mastercard Gateway REST JSON: {@code POST .../merchant/{id}/session}, Basic {@code merchant.{id}:{password}}. */
final class MpgsRestSimulator extends MastercardSimulator {

    private static final Pattern PATH = Pattern.compile("/api/rest/version/[0-9]+/merchant/([0-9A-Za-z_-]+)/session");

    @Override
    public String provider() {
        return "mpgs-rest";
    }

    @Override
    String merchant(SimulatedRequest request) {
        Matcher path = PATH.matcher(request.path());
        return path.matches() ? path.group(1) : null;
    }

    @Override
    boolean hasPassword(SimulatedRequest request, String merchant, String password) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                ("merchant." + merchant + ":" + password).getBytes(StandardCharsets.UTF_8));
        return password != null && expected.equals(request.header("Authorization"));
    }

    @Override
    Map<String, String> requestFields(SimulatedRequest request) {
        try {
            JsonNode body = Json.MAPPER.readTree(request.body());
            return body == null || !body.isObject() ? Map.of() : MpgsRestDialect.dottedNames(body);
        } catch (IOException unreadable) {
            return Map.of(); // the gateway would refuse it; the sandbox answers what it was asked to
        }
    }

    @Override
    int sessionStatus() {
        return 201;
    }

    @Override
    SimulatedReply write(int status, Map<String, String> fields, boolean credentialsRefused) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        fields.forEach((name, value) -> {
            ObjectNode parent = body;
            String[] parts = name.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                parent = parent.has(parts[i]) ? (ObjectNode) parent.get(parts[i]) : parent.putObject(parts[i]);
            }
            if (name.equals("session.authenticationLimit")) {
                parent.put(parts[parts.length - 1], Integer.parseInt(value));
            } else {
                parent.put(parts[parts.length - 1], value);
            }
        });
        // the gateway's refusal of credentials comes in ISO-8859-1, its other replies in UTF-8
        return SimulatedReply.of(status, "application/json;charset=" + (credentialsRefused ? "ISO-8859-1" : "UTF-8"),
                Json.write(body));
    }
}
