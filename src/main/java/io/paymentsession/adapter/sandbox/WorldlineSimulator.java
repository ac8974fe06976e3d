package io.paymentsession.adapter.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymentsession.adapter.canonical.Json;
import io.paymentsession.adapter.merchant.MerchantAccount;
import io.paymentsession.adapter.provider.worldline.V1HmacSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Worldline Connect: {@code POST /v1/{merchantId}/sessions}, signed with v1HMAC. The signature is checked as
 * Worldline checks it, from what arrived (the text signed rebuilt here, not by the adapter's signer; only the HMAC,
 * which the published test vectors pin down, is shared): the key id names the merchant's secret,
 * the Date must be within 15 minutes, and the text signed is rebuilt from the method, the Content-Type, the Date,
 * every X-GCS-* header and the path. Errors in its {@code errors[]} shape, with its documented codes.
 */
final class WorldlineSimulator implements ProviderSimulator {

    private static final Pattern PATH = Pattern.compile("/v1/([0-9A-Za-z_-]+)/sessions");
    private static final Pattern AUTHORIZATION = Pattern.compile("GCS v1HMAC:([^:]+):(.+)");
    private static final Duration DATE_SKEW = Duration.ofMinutes(15);

    @Override
    public String provider() {
        return "worldline";
    }

    @Override
    public boolean authentic(SimulatedRequest request, Collection<MerchantAccount> merchants) {
        Matcher path = PATH.matcher(request.path());
        Matcher authorization = AUTHORIZATION.matcher(String.valueOf(request.header("Authorization")));
        if (!"POST".equals(request.method()) || !path.matches() || !authorization.matches() || !freshDate(request)) {
            return false;
        }
        String expected = authorization.group(2);
        return merchants.stream().anyMatch(account -> account.providerMerchantId().equals(path.group(1))
                && authorization.group(1).equals(account.credential("api-key-id"))
                && account.credential("secret-api-key") != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        V1HmacSigner.signature(account.credential("secret-api-key"), signedText(request)).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public SimulatedReply reply(Answer answer, SimulatedRequest request) {
        return switch (answer) {
            case SESSION -> {
                Matcher path = PATH.matcher(request.path());
                ObjectNode body = Json.MAPPER.createObjectNode()
                        .put("assetUrl", "https://payment.pay1.checkout.worldline-solutions.com/")
                        .put("clientApiUrl", "https://eu.api-ingenico.com/client")
                        .put("clientSessionId", hex32())
                        .put("customerId", (path.matches() ? path.group(1) : "9991") + "-" + hex32());
                body.putArray("invalidTokens");
                body.put("region", "EU");
                yield SimulatedReply.of(201, "application/json", Json.write(body));
            }
            case FIELD_ERROR -> error(400, "CONNECT_PLATFORM_ERROR", "20000000", "PARAMETER_NOT_FOUND_IN_REQUEST", "tokens");
            case BAD_CREDENTIALS -> error(401, "CONNECT_PLATFORM_ERROR", "9002", "MISSING_OR_INVALID_AUTHORIZATION", null);
            case BUSY -> error(503, "CONNECT_PLATFORM_ERROR", "9999", "SERVICE_UNAVAILABLE", null);
            case FAILED -> error(500, "IO_ERROR", "9999", "UNKNOWN_SERVER_ERROR", null);
        };
    }

    private static SimulatedReply error(int status, String category, String code, String id, String propertyName) {
        String requestId = Integer.toString(ThreadLocalRandom.current().nextInt(1_000, 1_000_000));
        ObjectNode body = Json.MAPPER.createObjectNode().put("errorId", UUID.randomUUID().toString());
        ArrayNode errors = body.putArray("errors");
        ObjectNode error = errors.addObject()
                .put("category", category)
                .put("code", code)
                .put("httpStatusCode", status)
                .put("id", id)
                .put("message", id);
        if (propertyName != null) {
            error.put("propertyName", propertyName);
        }
        error.put("requestId", requestId);
        return SimulatedReply.of(status, "application/json", Json.write(body)).withHeader("X-GCS-RequestId", requestId);
    }

    private static boolean freshDate(SimulatedRequest request) {
        try {
            Instant sent = ZonedDateTime.parse(String.valueOf(request.header("Date")), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return Duration.between(sent, Instant.now()).abs().compareTo(DATE_SKEW) <= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String signedText(SimulatedRequest request) {
        StringBuilder text = new StringBuilder(request.method()).append('\n')
                .append(request.header("Content-Type") == null ? "" : request.header("Content-Type")).append('\n')
                .append(request.header("Date")).append('\n');
        new TreeMap<>(request.headers()).forEach((name, value) -> {
            if (name.startsWith("x-gcs")) {
                text.append(name).append(':').append(value.trim()).append('\n');
            }
        });
        return text.append(request.path()).append('\n').toString();
    }

    private static String hex32() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
