package io.paymentsession.adapter.idempotency;

import io.paymentsession.adapter.canonical.CreateSessionRequest;
import io.paymentsession.adapter.canonical.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests "the same request" for an {@code Idempotency-Key}: SHA-256 over the validated canonical
 * request written as JSON, every field, correlationId included. Written from the parsed request, its key order and
 * white space (and escapes such as {@code \u0041}) are the caller's no longer; a number is written by value, so
 * {@code 30} and {@code 30.0} minutes are one request.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    public static String of(CreateSessionRequest request) {
        CreateSessionRequest canonical = request.expiresInMinutes() == null ? request
                : new CreateSessionRequest(request.merchantId(), request.correlationId(), request.authenticationLimit(),
                        request.lineOfBusiness(), request.expiresInMinutes().stripTrailingZeros(), request.tokens(),
                        request.paymentProductFilters());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.write(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
